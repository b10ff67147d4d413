using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LossGen.Backbones.Rotary;

namespace LossGen.Backbones.Gemma3;

/// <summary>
/// transformers' Gemma3TextModel (EmbeddingGemma's backbone): token embeddings scaled by √hidden, layers alternating
/// sliding-window and full attention (each kind with its RoPE base), bidirectional when
/// <c>use_bidirectional_attention</c> is set, (1 + w) RMSNorms and GeGLU, and a final RMSNorm.
/// </summary>
public sealed class Gemma3TextModel : DecoderStackModel<Gemma3DecoderLayer>
{
    /// <summary>Creates a randomly initialised model of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The configuration names something LossGen does not implement.</exception>
    public Gemma3TextModel(Gemma3TextConfig config)
        : base(nameof(Gemma3TextModel), config, () => new Gemma3DecoderLayer(config), gemmaNorm: true)
    {
        Config = config;
    }

    /// <summary>The configuration.</summary>
    public Gemma3TextConfig Config { get; }

    /// <inheritdoc />
    public override string ModelType => "gemma3_text";

    /// <inheritdoc />
    public override JsonObject ToConfigJson() => ConfigJson(Config, "Gemma3TextModel");

    /// <inheritdoc />
    public override EncoderModel CreateEmpty() => new Gemma3TextModel(Config);

    /// <inheritdoc />
    /// <remarks>transformers multiplies by √hidden rounded to the weights' type.</remarks>
    protected override float EmbeddingScale => (float)Math.Sqrt(Config.HiddenSize);

    /// <inheritdoc />
    protected override IReadOnlyList<AttentionKind> AttentionKinds =>
        [new(!Config.UseBidirectionalAttention, null, Config.RopeTheta), new(!Config.UseBidirectionalAttention, Config.WindowDistance, Config.RopeLocalBaseFreq)];

    /// <inheritdoc />
    protected override int KindOf(int layer) => Config.IsSliding(layer) ? 1 : 0;
}
