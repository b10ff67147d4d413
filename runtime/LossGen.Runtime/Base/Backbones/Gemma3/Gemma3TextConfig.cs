using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using LossGen.Backbones.Rotary;

namespace LossGen.Backbones.Gemma3;

/// <summary>
/// The fields of a Gemma3 text <c>config.json</c> (<c>model_type: gemma3_text</c>, EmbeddingGemma's backbone) that
/// LossGen reads; the others are kept as loaded and written back, <c>sliding_window</c> included as the Hub spells it.
/// </summary>
public sealed record Gemma3TextConfig
{
    /// <summary>Rows of the token embedding table.</summary>
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 262208;

    /// <summary>The width of the hidden states.</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; } = 2304;

    /// <summary>The width of the feed-forward.</summary>
    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; } = 9216;

    /// <summary>The number of layers.</summary>
    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; } = 26;

    /// <summary>Query heads.</summary>
    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; } = 8;

    /// <summary>Key/value heads (grouped-query attention).</summary>
    [JsonPropertyName("num_key_value_heads")]
    public int NumKeyValueHeads { get; init; } = 4;

    /// <summary>The width of a head.</summary>
    [JsonPropertyName("head_dim")]
    public int HeadDim { get; init; } = 256;

    /// <summary>The feed-forward's gate activation.</summary>
    [JsonPropertyName("hidden_activation")]
    public string HiddenActivation { get; init; } = "gelu_pytorch_tanh";

    /// <summary>The longest sequence.</summary>
    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 131072;

    /// <summary>The RMSNorm epsilon.</summary>
    [JsonPropertyName("rms_norm_eps")]
    public double RmsNormEps { get; init; } = 1e-6;

    /// <summary>The RoPE base of full-attention layers.</summary>
    [JsonPropertyName("rope_theta")]
    public double RopeTheta { get; init; } = 1000000.0;

    /// <summary>The RoPE base of sliding-window layers.</summary>
    [JsonPropertyName("rope_local_base_freq")]
    public double RopeLocalBaseFreq { get; init; } = 10000.0;

    /// <summary>RoPE scaling (must be null).</summary>
    [JsonPropertyName("rope_scaling")]
    public JsonElement? RopeScaling { get; init; }

    /// <summary>Scores are scaled by this value's inverse square root (instead of the head width's).</summary>
    [JsonPropertyName("query_pre_attn_scalar")]
    public double QueryPreAttnScalar { get; init; } = 256;

    /// <summary>The sliding window as the Hub's config spells it (see <see cref="WindowDistance"/>).</summary>
    [JsonPropertyName("sliding_window")]
    public int SlidingWindow { get; init; } = 4096;

    /// <summary>Each layer's kind: <c>sliding_attention</c> or <c>full_attention</c>.</summary>
    [JsonPropertyName("layer_types")]
    public string[]? LayerTypes { get; init; }

    /// <summary>Every sixth layer is full when <see cref="LayerTypes"/> is absent (older configs).</summary>
    [JsonPropertyName("_sliding_window_pattern")]
    public int SlidingWindowPattern { get; init; } = 6;

    /// <summary>EmbeddingGemma's bidirectional attention (false: causal, as the generative model).</summary>
    [JsonPropertyName("use_bidirectional_attention")]
    public bool UseBidirectionalAttention { get; init; }

    /// <summary>Soft-capping of attention scores (must be null, as Gemma3 ships).</summary>
    [JsonPropertyName("attn_logit_softcapping")]
    public double? AttnLogitSoftcapping { get; init; }

    /// <summary>Biases on q/k/v/o (must be false).</summary>
    [JsonPropertyName("attention_bias")]
    public bool AttentionBias { get; init; }

    /// <summary>Dropout on attention probabilities in training.</summary>
    [JsonPropertyName("attention_dropout")]
    public double AttentionDropout { get; init; }

    /// <summary>The architecture family.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "gemma3_text";

    /// <summary>Fields LossGen does not read, kept for saving.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }

    /// <summary>
    /// The farthest key a sliding layer's query sees: with bidirectional attention transformers uses the window
    /// <c>sliding_window // 2 + 1</c> on both sides (|i − j| &lt; it), causally <c>sliding_window − 1</c> positions back.
    /// </summary>
    [JsonIgnore]
    public long WindowDistance => UseBidirectionalAttention ? SlidingWindow / 2 : SlidingWindow - 1;

    /// <summary>Whether layer <paramref name="index"/> attends within the sliding window.</summary>
    public bool IsSliding(int index) => LayerTypes is { } types ? types[index] == "sliding_attention" : (index + 1) % SlidingWindowPattern != 0;

    /// <summary>A lower bound of the weights the configuration implies.</summary>
    [JsonIgnore]
    public double MinimumParameterCount => ((double)VocabSize * HiddenSize) + ((double)NumHiddenLayers * (((2.0 * NumAttentionHeads) + (2.0 * NumKeyValueHeads)) * HeadDim * HiddenSize + (3.0 * HiddenSize * IntermediateSize)));

    /// <summary>Refuses what LossGen does not compute, by field.</summary>
    /// <exception cref="ArgumentException">A field outside what LossGen computes.</exception>
    public void Validate()
    {
        RotaryConfigChecks.Heads(HiddenSize, NumAttentionHeads, NumKeyValueHeads, HeadDim);
        RotaryConfigChecks.Positive(("vocab_size", VocabSize), ("num_hidden_layers", NumHiddenLayers), ("intermediate_size", IntermediateSize), ("max_position_embeddings", MaxPositionEmbeddings), ("sliding_window", SlidingWindow));
        RotaryConfigChecks.DefaultRope(RopeScaling);
        RotaryConfigChecks.Activation("hidden_activation", HiddenActivation);
        if (AttentionBias || AttnLogitSoftcapping is not null)
        {
            throw new ArgumentException("attention_bias / attn_logit_softcapping are set; LossGen computes Gemma3 as it ships, without them.");
        }

        if (!(QueryPreAttnScalar > 0))
        {
            throw new ArgumentException($"query_pre_attn_scalar {QueryPreAttnScalar} must be positive.");
        }

        if (LayerTypes is { } types && (types.Length != NumHiddenLayers || types.Any(t => t is not ("sliding_attention" or "full_attention"))))
        {
            throw new ArgumentException($"layer_types must name sliding_attention or full_attention for each of the {NumHiddenLayers} layers.");
        }
    }
}
