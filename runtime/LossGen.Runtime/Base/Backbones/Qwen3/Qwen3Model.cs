using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LossGen.Backbones.Rotary;

namespace LossGen.Backbones.Qwen3;

/// <summary>
/// transformers' Qwen3Model (Qwen3-Embedding's backbone): token embeddings, decoder layers with causal grouped-query
/// attention, RoPE, q/k RMSNorm and SwiGLU, and a final RMSNorm. Pair it with a left-padding tokenizer and last-token
/// pooling, as Qwen3-Embedding's folder does; real tokens never see padding, so either padding side gives the same
/// embeddings.
/// </summary>
public sealed class Qwen3Model : DecoderStackModel<Qwen3DecoderLayer>
{
    /// <summary>Creates a randomly initialised model of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The configuration names something LossGen does not implement.</exception>
    public Qwen3Model(Qwen3Config config)
        : base(nameof(Qwen3Model), config, () => new Qwen3DecoderLayer(config), gemmaNorm: false)
    {
        Config = config;
    }

    /// <summary>The configuration.</summary>
    public Qwen3Config Config { get; }

    /// <inheritdoc />
    public override string ModelType => "qwen3";

    /// <inheritdoc />
    public override JsonObject ToConfigJson() => ConfigJson(Config, "Qwen3Model");

    /// <inheritdoc />
    public override EncoderModel CreateEmpty() => new Qwen3Model(Config);

    /// <inheritdoc />
    protected override IReadOnlyList<AttentionKind> AttentionKinds => [new(Causal: true, Window: null, Config.RopeTheta)];

    /// <inheritdoc />
    protected override int KindOf(int layer) => 0;
}
