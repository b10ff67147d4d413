using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LossGen.Backbones.Rotary;

/// <summary>
/// The <c>config.json</c> fields the decoder-style backbones (Qwen3, Gemma3) share, under transformers' names; each
/// architecture's record sets its own defaults and adds its own fields. Fields LossGen does not read are kept as loaded.
/// </summary>
public abstract record DecoderConfig
{
    /// <summary>Rows of the token embedding table.</summary>
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; }

    /// <summary>The width of the hidden states.</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; }

    /// <summary>The width of the feed-forward.</summary>
    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; }

    /// <summary>The number of layers.</summary>
    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; }

    /// <summary>Query heads.</summary>
    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; }

    /// <summary>Key/value heads (grouped-query attention).</summary>
    [JsonPropertyName("num_key_value_heads")]
    public int NumKeyValueHeads { get; init; }

    /// <summary>The width of a head (not necessarily hidden / heads).</summary>
    [JsonPropertyName("head_dim")]
    public int HeadDim { get; init; }

    /// <summary>The longest sequence.</summary>
    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; }

    /// <summary>The RMSNorm epsilon.</summary>
    [JsonPropertyName("rms_norm_eps")]
    public double RmsNormEps { get; init; } = 1e-6;

    /// <summary>The RoPE base (of the full-attention layers).</summary>
    [JsonPropertyName("rope_theta")]
    public double RopeTheta { get; init; }

    /// <summary>RoPE scaling (must be null: LossGen computes the default RoPE).</summary>
    [JsonPropertyName("rope_scaling")]
    public JsonElement? RopeScaling { get; init; }

    /// <summary>Biases on q/k/v/o (must be false, as both ship).</summary>
    [JsonPropertyName("attention_bias")]
    public bool AttentionBias { get; init; }

    /// <summary>Dropout on attention probabilities in training.</summary>
    [JsonPropertyName("attention_dropout")]
    public double AttentionDropout { get; init; }

    /// <summary>Each layer's attention kind.</summary>
    [JsonPropertyName("layer_types")]
    public string[]? LayerTypes { get; init; }

    /// <summary>The architecture family.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = string.Empty;

    /// <summary>Fields LossGen does not read, kept for saving.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }

    /// <summary>A lower bound of the weights the configuration implies.</summary>
    [JsonIgnore]
    public double MinimumParameterCount => ((double)VocabSize * HiddenSize) + ((double)NumHiddenLayers * ((((2.0 * NumAttentionHeads) + (2.0 * NumKeyValueHeads)) * HeadDim * HiddenSize) + (3.0 * HiddenSize * IntermediateSize)));

    /// <summary>Refuses what LossGen does not compute, by field.</summary>
    /// <exception cref="System.ArgumentException">A field outside what LossGen computes.</exception>
    public abstract void Validate();

    /// <summary>The checks both architectures share: heads, sizes, the default RoPE, the activation named <paramref name="activationField"/>.</summary>
    protected void ValidateShared(string activationField, string activation)
    {
        RotaryConfigChecks.Heads(HiddenSize, NumAttentionHeads, NumKeyValueHeads, HeadDim);
        RotaryConfigChecks.Positive(("vocab_size", VocabSize), ("num_hidden_layers", NumHiddenLayers), ("intermediate_size", IntermediateSize), ("max_position_embeddings", MaxPositionEmbeddings));
        RotaryConfigChecks.DefaultRope(RopeScaling);
        RotaryConfigChecks.Activation(activationField, activation);
        if (AttentionBias)
        {
            throw new System.ArgumentException($"attention_bias is true; LossGen computes {ModelType} as it ships, without attention biases.");
        }
    }
}
