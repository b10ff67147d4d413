using System;
using System.Linq;
using System.Text.Json.Serialization;
using LossGen.Backbones.Rotary;

namespace LossGen.Backbones.Qwen3;

/// <summary>
/// The fields of a Qwen3 <c>config.json</c> (<c>model_type: qwen3</c>, Qwen3-Embedding) that LossGen reads; the others
/// are kept as loaded and written back. Options LossGen does not compute (sliding windows, RoPE scaling, biases) are
/// refused by name.
/// </summary>
public sealed record Qwen3Config : DecoderConfig
{
    /// <summary>A configuration with Qwen3's defaults.</summary>
    public Qwen3Config()
    {
        (VocabSize, HiddenSize, IntermediateSize, NumHiddenLayers) = (151936, 4096, 22016, 32);
        (NumAttentionHeads, NumKeyValueHeads, HeadDim, MaxPositionEmbeddings) = (32, 32, 128, 32768);
        (RopeTheta, ModelType) = (10000.0, "qwen3");
    }

    /// <summary>The feed-forward's gate activation.</summary>
    [JsonPropertyName("hidden_act")]
    public string HiddenAct { get; init; } = "silu";

    /// <summary>Sliding-window attention (must be false, as Qwen3-Embedding ships).</summary>
    [JsonPropertyName("use_sliding_window")]
    public bool UseSlidingWindow { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        ValidateShared("hidden_act", HiddenAct);
        if (UseSlidingWindow || (LayerTypes is not null && LayerTypes.Any(t => t != "full_attention")))
        {
            throw new ArgumentException("use_sliding_window / layer_types ask for sliding-window layers; LossGen computes Qwen3 with full causal attention, as Qwen3-Embedding ships.");
        }
    }
}
