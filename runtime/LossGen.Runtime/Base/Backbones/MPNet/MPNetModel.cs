using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LossGen.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones.MPNet;

/// <summary>transformers' MPNetModel: embeddings with padding-offset positions, then layers with a shared relative position bias.</summary>
public sealed class MPNetModel : EncoderModel
{
    /// <summary>transformers' MPNetEmbeddings fixes the padding index at 1, whatever the config says (positions count from it).</summary>
    public const int PaddingIdx = 1;

#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly WordPositionEmbeddings embeddings;
    private readonly MPNetEncoder encoder;
#pragma warning restore IDE1006

    /// <summary>Creates a randomly initialised model of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The configuration names something LossGen does not implement.</exception>
    public MPNetModel(MPNetConfig config)
        : base(nameof(MPNetModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        embeddings = new WordPositionEmbeddings(config.VocabSize, config.HiddenSize, config.MaxPositionEmbeddings, config.LayerNormEps, config.HiddenDropoutProb, ids => PositionIds.FromPadding(ids, PaddingIdx));
        encoder = new MPNetEncoder(config);
        RegisterComponents();
    }

    /// <summary>The configuration.</summary>
    public MPNetConfig Config { get; }

    /// <inheritdoc />
    public override string ModelType => "mpnet";

    /// <inheritdoc />
    public override int HiddenSize => Config.HiddenSize;

    /// <inheritdoc />
    public override bool CanSkipPadding => true;

    /// <inheritdoc />
    public override int VocabularySize => Config.VocabSize;

    /// <inheritdoc />
    public override int LayerCount => encoder.LayerCount;

    /// <inheritdoc />
    public override int MaxSequenceLength => Config.MaxPositionEmbeddings - PaddingIdx - 1;

    /// <inheritdoc />
    public override string BaseModelPrefix => "mpnet";

    /// <inheritdoc />
    public override JsonObject ToConfigJson() => ConfigJson(Config, "MPNetModel");

    /// <inheritdoc />
    public override EncoderModel CreateEmpty() => new MPNetModel(Config);

    /// <inheritdoc />
    protected override Tensor Run(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds, int layers, List<Tensor> states) => SkipsPadding
        ? RunPacked(attentionMask, states, packed => encoder.Forward(embeddings.call(inputIds), attentionMask, layers, packed))
        : encoder.Forward(embeddings.call(inputIds), attentionMask, layers, states);
}
