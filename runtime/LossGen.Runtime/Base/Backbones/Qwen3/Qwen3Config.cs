using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using LossGen.Backbones.Rotary;

namespace LossGen.Backbones.Qwen3;

/// <summary>
/// The fields of a Qwen3 <c>config.json</c> (<c>model_type: qwen3</c>, Qwen3-Embedding) that LossGen reads; the others
/// are kept as loaded and written back. Options LossGen does not compute (sliding windows, RoPE scaling, biases) are
/// refused by name.
/// </summary>
public sealed record Qwen3Config
{
    /// <summary>Rows of the token embedding table.</summary>
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 151936;

    /// <summary>The width of the hidden states.</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; } = 4096;

    /// <summary>The width of the feed-forward.</summary>
    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; } = 22016;

    /// <summary>The number of decoder layers.</summary>
    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; } = 32;

    /// <summary>Query heads.</summary>
    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; } = 32;

    /// <summary>Key/value heads (grouped-query attention).</summary>
    [JsonPropertyName("num_key_value_heads")]
    public int NumKeyValueHeads { get; init; } = 32;

    /// <summary>The width of a head (not necessarily hidden / heads).</summary>
    [JsonPropertyName("head_dim")]
    public int HeadDim { get; init; } = 128;

    /// <summary>The feed-forward's gate activation.</summary>
    [JsonPropertyName("hidden_act")]
    public string HiddenAct { get; init; } = "silu";

    /// <summary>The longest sequence.</summary>
    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 32768;

    /// <summary>The RMSNorm epsilon.</summary>
    [JsonPropertyName("rms_norm_eps")]
    public double RmsNormEps { get; init; } = 1e-6;

    /// <summary>The RoPE base.</summary>
    [JsonPropertyName("rope_theta")]
    public double RopeTheta { get; init; } = 10000.0;

    /// <summary>RoPE scaling (must be null: LossGen computes the default RoPE).</summary>
    [JsonPropertyName("rope_scaling")]
    public JsonElement? RopeScaling { get; init; }

    /// <summary>Biases on q/k/v/o (must be false, as Qwen3 ships).</summary>
    [JsonPropertyName("attention_bias")]
    public bool AttentionBias { get; init; }

    /// <summary>Dropout on attention probabilities in training.</summary>
    [JsonPropertyName("attention_dropout")]
    public double AttentionDropout { get; init; }

    /// <summary>Sliding-window attention (must be false, as Qwen3-Embedding ships).</summary>
    [JsonPropertyName("use_sliding_window")]
    public bool UseSlidingWindow { get; init; }

    /// <summary>Each layer's attention kind (only <c>full_attention</c> is computed).</summary>
    [JsonPropertyName("layer_types")]
    public string[]? LayerTypes { get; init; }

    /// <summary>The architecture family.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "qwen3";

    /// <summary>Fields LossGen does not read, kept for saving.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }

    /// <summary>A lower bound of the weights the configuration implies.</summary>
    [JsonIgnore]
    public double MinimumParameterCount => ((double)VocabSize * HiddenSize) + ((double)NumHiddenLayers * (((2.0 * NumAttentionHeads) + (2.0 * NumKeyValueHeads)) * HeadDim * HiddenSize + (3.0 * HiddenSize * IntermediateSize)));

    /// <summary>Refuses what LossGen does not compute, by field.</summary>
    /// <exception cref="ArgumentException">A field outside what LossGen computes.</exception>
    public void Validate()
    {
        RotaryConfigChecks.Heads(HiddenSize, NumAttentionHeads, NumKeyValueHeads, HeadDim);
        RotaryConfigChecks.Positive(("vocab_size", VocabSize), ("num_hidden_layers", NumHiddenLayers), ("intermediate_size", IntermediateSize), ("max_position_embeddings", MaxPositionEmbeddings));
        RotaryConfigChecks.DefaultRope(RopeScaling);
        RotaryConfigChecks.Activation("hidden_act", HiddenAct);
        if (AttentionBias)
        {
            throw new ArgumentException("attention_bias is true; Qwen3 as LossGen computes it has no attention biases.");
        }

        if (UseSlidingWindow || (LayerTypes is not null && LayerTypes.Any(t => t != "full_attention")))
        {
            throw new ArgumentException("use_sliding_window / layer_types ask for sliding-window layers; LossGen computes Qwen3 with full causal attention, as Qwen3-Embedding ships.");
        }
    }
}
