using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones.Bert;

/// <summary>
/// A BERT-family transformer (embeddings → post-LayerNorm encoder layers) with Hugging Face parameter names. It is
/// transformers' BertModel, and also its RobertaModel and XLMRobertaModel, which are BERT with positions counted from the
/// padding id + 1 and a single token type. It returns token embeddings; pooling is a separate module.
/// </summary>
public sealed class BertModel : EncoderModel
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
#pragma warning restore IDE1006

    /// <summary>Creates a randomly initialised model of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The configuration names something LossGen does not implement.</exception>
    public BertModel(BertConfig config)
        : base(nameof(BertModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        RegisterComponents();
    }

    /// <summary>The configuration.</summary>
    public BertConfig Config { get; }

    /// <summary>The embeddings module.</summary>
    public BertEmbeddings Embeddings => embeddings;

    /// <summary>The layer stack.</summary>
    public BertEncoder Encoder => encoder;

    /// <inheritdoc />
    public override string ModelType => Config.ModelType;

    /// <inheritdoc />
    public override bool CanSkipPadding => true;

    /// <inheritdoc />
    public override int HiddenSize => Config.HiddenSize;

    /// <inheritdoc />
    public override int VocabularySize => Config.VocabSize;

    /// <inheritdoc />
    public override int LayerCount => encoder.LayerCount;

    /// <inheritdoc />
    public override int MaxSequenceLength => Config.MaxSequenceLength;

    /// <inheritdoc />
    public override string BaseModelPrefix => Config.ModelType == "bert" ? "bert" : "roberta";

    /// <inheritdoc />
    public override JsonObject ToConfigJson() => ConfigJson(Config, Config.ModelType switch { "roberta" => "RobertaModel", "xlm-roberta" => "XLMRobertaModel", _ => "BertModel" });

    /// <inheritdoc />
    public override EncoderModel CreateEmpty() => new BertModel(Config);

    /// <inheritdoc />
    protected override Tensor Run(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds, int layers, List<Tensor> states)
    {
        Tensor keep = MultiHeadAttention.KeepMask(attentionMask);

        // Single texts have token type 0 everywhere (BertTokenizer's token_type_ids, RoBERTa's zero buffer).
        Tensor types = tokenTypeIds ?? zeros_like(inputIds);
        return SkipsPadding
            ? RunPacked(attentionMask, states, packed => encoder.Forward(embeddings.call(inputIds, types), keep, layers, packed))
            : encoder.Forward(embeddings.call(inputIds, types), keep, layers, states);
    }
}
