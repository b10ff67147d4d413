using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones.DistilBert;

/// <summary>transformers' DistilBertModel: word + position embeddings, then post-LayerNorm layers; no token types, no pooler.</summary>
public sealed class DistilBertModel : EncoderModel
{
    /// <summary>DistilBERT's LayerNorm epsilon, fixed in transformers (not in the config).</summary>
    public const double LayerNormEps = 1e-12;

#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly WordPositionEmbeddings embeddings;
    private readonly LayerStack<DistilBertLayer> transformer;
#pragma warning restore IDE1006

    /// <summary>Creates a randomly initialised model of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The configuration names something LossGen does not implement.</exception>
    public DistilBertModel(DistilBertConfig config)
        : base(nameof(DistilBertModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        embeddings = new WordPositionEmbeddings(config.VocabSize, config.Dim, config.MaxPositionEmbeddings, LayerNormEps, config.Dropout, PositionIds.Absolute);
        transformer = new LayerStack<DistilBertLayer>(Enumerable.Range(0, config.NLayers).Select(_ => new DistilBertLayer(config)));
        RegisterComponents();
    }

    /// <summary>The configuration.</summary>
    public DistilBertConfig Config { get; }

    /// <inheritdoc />
    public override string ModelType => "distilbert";

    /// <inheritdoc />
    public override int HiddenSize => Config.Dim;

    /// <inheritdoc />
    public override bool CanSkipPadding => true;

    /// <inheritdoc />
    public override int VocabularySize => Config.VocabSize;

    /// <inheritdoc />
    public override int LayerCount => transformer.LayerCount;

    /// <inheritdoc />
    public override int MaxSequenceLength => Config.MaxPositionEmbeddings;

    /// <inheritdoc />
    public override string BaseModelPrefix => "distilbert";

    /// <inheritdoc />
    public override JsonObject ToConfigJson() => ConfigJson(Config, "DistilBertModel");

    /// <inheritdoc />
    public override EncoderModel CreateEmpty() => new DistilBertModel(Config);

    /// <inheritdoc />
    protected override Tensor Run(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds, int layers, List<Tensor> states)
    {
        Tensor keep = MultiHeadAttention.KeepMask(attentionMask);
        return SkipsPadding
            ? RunPacked(attentionMask, states, packed => transformer.Forward(embeddings.call(inputIds), keep, layers, packed))
            : transformer.Forward(embeddings.call(inputIds), keep, layers, states);
    }
}
