using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Modules;

/// <summary>
/// <c>BertForSequenceClassification</c>'s head: BERT's pooler (dense + tanh on [CLS]), dropout, and the classifier
/// (as cross-encoder/ms-marco-MiniLM-L6-v2 scores).
/// </summary>
public sealed class BertClassificationHead : ClassificationHead
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly BertPooler pooler;
    private readonly Dropout dropout;
    private readonly Linear classifier;
#pragma warning restore IDE1006

    /// <summary>Creates the head over <paramref name="hiddenSize"/>-wide token embeddings.</summary>
    public BertClassificationHead(int hiddenSize, int numLabels, double dropoutProbability)
        : base(nameof(BertClassificationHead), numLabels)
    {
        pooler = new BertPooler(hiddenSize);
        dropout = nn.Dropout(dropoutProbability);
        classifier = nn.Linear(hiddenSize, numLabels);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string Architecture => "BertForSequenceClassification";

    /// <inheritdoc />
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return classifier.call(dropout.call(pooler.call(FirstToken(tokens)))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    internal override string WriteGraph(LossGen.Export.GraphBlocks g, string first) =>
        g.Linear(g.Builder.Node("Tanh", [g.Linear(first, "pooler.dense")]), "classifier");

    /// <summary>BERT's pooler: dense + tanh (<c>bert.pooler.dense</c>).</summary>
    private sealed class BertPooler : nn.Module<Tensor, Tensor>
    {
#pragma warning disable IDE1006 // Hugging Face parameter names.
        private readonly Linear dense;
#pragma warning restore IDE1006

        public BertPooler(int hiddenSize)
            : base(nameof(BertPooler))
        {
            dense = nn.Linear(hiddenSize, hiddenSize);
            RegisterComponents();
        }

        public override Tensor forward(Tensor first)
        {
            using Tensor projected = dense.call(first);
            return projected.tanh();
        }
    }
}
