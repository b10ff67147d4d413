using System;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Modules;

/// <summary>
/// The sequence-classification head of transformers' <c>…ForSequenceClassification</c>: the backbone's token embeddings
/// (B×T×H) in, one logit per label (B×L) out, read from the first token. Parameter names are transformers' names less
/// the backbone's prefix, so a checkpoint lines up with <c>named_parameters()</c>.
/// </summary>
public abstract class ClassificationHead : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the head.</summary>
    protected ClassificationHead(string name, int numLabels)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numLabels, 1);
        NumLabels = numLabels;
    }

    /// <summary>The number of labels (logits per pair).</summary>
    public int NumLabels { get; }

    /// <summary>The transformers class this head and its backbone make, as <c>config.json</c>'s <c>architectures</c> names it.</summary>
    public abstract string Architecture { get; }

    /// <summary>
    /// The name of a parameter in a transformers checkpoint: transformers keeps BERT's pooler inside the base model
    /// (<c>bert.pooler.dense</c>), every other head parameter at the top level (<c>classifier.weight</c>).
    /// </summary>
    public static string CheckpointName(string parameter, string basePrefix)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.StartsWith("pooler.", StringComparison.Ordinal) ? $"{basePrefix}.{parameter}" : parameter;
    }

    /// <summary>
    /// The head transformers puts on <paramref name="backbone"/> for <paramref name="numLabels"/> labels, randomly
    /// initialised as transformers initialises it (weights from N(0, <c>initializer_range</c>), zero biases).
    /// </summary>
    /// <exception cref="ArgumentException">The backbone's architecture has no sequence-classification head in LossGen.</exception>
    public static ClassificationHead Create(EncoderModel backbone, int numLabels)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        JsonObject config = backbone.ToConfigJson();
        double hiddenDropout = Number(config, "hidden_dropout_prob") ?? 0.1;
        double classifierDropout = Number(config, "classifier_dropout") ?? hiddenDropout;
        ClassificationHead head = backbone.ModelType switch
        {
            "bert" => new BertClassificationHead(backbone.HiddenSize, numLabels, classifierDropout),
            "roberta" => new RobertaClassificationHead("RobertaForSequenceClassification", backbone.HiddenSize, numLabels, classifierDropout),
            "xlm-roberta" => new RobertaClassificationHead("XLMRobertaForSequenceClassification", backbone.HiddenSize, numLabels, classifierDropout),
            "mpnet" => new RobertaClassificationHead("MPNetForSequenceClassification", backbone.HiddenSize, numLabels, hiddenDropout),
            "distilbert" => new DistilBertClassificationHead(backbone.HiddenSize, numLabels, Number(config, "seq_classif_dropout") ?? 0.2),
            _ => throw new ArgumentException($"model_type '{backbone.ModelType}' has no sequence-classification head in LossGen.", nameof(backbone)),
        };
        head.Initialize(Number(config, "initializer_range") ?? 0.02);
        return head;
    }

    /// <summary>transformers' <c>_init_weights</c> for linear layers.</summary>
    public void Initialize(double initializerRange)
    {
        using (no_grad())
        {
            foreach ((string name, TorchSharp.Modules.Parameter parameter) in named_parameters())
            {
                if (name.EndsWith(".bias", StringComparison.Ordinal))
                {
                    parameter.zero_();
                }
                else
                {
                    parameter.normal_(0, initializerRange);
                }
            }
        }
    }

    /// <summary>The head in ONNX operators (dropout is the identity in inference): logits (B×L) from the first token's embedding (B×H).</summary>
    internal abstract string WriteGraph(LossGen.Export.GraphBlocks g, string first);

    /// <summary>The first token's embedding of each row ([CLS] or &lt;s&gt;), B×H.</summary>
    protected static Tensor FirstToken(Tensor tokens) => tokens.select(1, 0);

    private static double? Number(JsonObject config, string field) =>
        config[field] is JsonValue value && value.TryGetValue(out double number) ? number : null;
}
