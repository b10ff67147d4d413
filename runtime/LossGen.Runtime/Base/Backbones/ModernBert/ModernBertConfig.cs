using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using LossGen.Backbones.Rotary;

namespace LossGen.Backbones.ModernBert;

/// <summary>
/// The fields of a ModernBERT <c>config.json</c> (<c>model_type: modernbert</c>) that LossGen reads; the others are kept
/// as loaded and written back.
/// </summary>
public sealed record ModernBertConfig
{
    /// <summary>Rows of the token embedding table.</summary>
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 50368;

    /// <summary>The width of the hidden states.</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; } = 768;

    /// <summary>The width of each half of the GeGLU feed-forward.</summary>
    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; } = 1152;

    /// <summary>The number of layers.</summary>
    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; } = 22;

    /// <summary>Attention heads.</summary>
    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; } = 12;

    /// <summary>The feed-forward's activation.</summary>
    [JsonPropertyName("hidden_activation")]
    public string HiddenActivation { get; init; } = "gelu";

    /// <summary>The longest sequence.</summary>
    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 8192;

    /// <summary>The LayerNorm epsilon.</summary>
    [JsonPropertyName("norm_eps")]
    public double NormEps { get; init; } = 1e-5;

    /// <summary>Whether the LayerNorms have biases.</summary>
    [JsonPropertyName("norm_bias")]
    public bool NormBias { get; init; }

    /// <summary>Whether <c>Wqkv</c> and the attention's <c>Wo</c> have biases.</summary>
    [JsonPropertyName("attention_bias")]
    public bool AttentionBias { get; init; }

    /// <summary>Whether the feed-forward's <c>Wi</c> and <c>Wo</c> have biases.</summary>
    [JsonPropertyName("mlp_bias")]
    public bool MlpBias { get; init; }

    /// <summary>The RoPE base of global layers.</summary>
    [JsonPropertyName("global_rope_theta")]
    public double GlobalRopeTheta { get; init; } = 160000.0;

    /// <summary>The RoPE base of local layers (the global one when null).</summary>
    [JsonPropertyName("local_rope_theta")]
    public double? LocalRopeTheta { get; init; } = 10000.0;

    /// <summary>The local window: a local layer's token i sees j iff |i − j| ≤ local_attention // 2.</summary>
    [JsonPropertyName("local_attention")]
    public int LocalAttention { get; init; } = 128;

    /// <summary>Layer i is global iff i % global_attn_every_n_layers == 0.</summary>
    [JsonPropertyName("global_attn_every_n_layers")]
    public int GlobalAttnEveryNLayers { get; init; } = 3;

    /// <summary>Dropout after the embeddings' norm, in training.</summary>
    [JsonPropertyName("embedding_dropout")]
    public double EmbeddingDropout { get; init; }

    /// <summary>Dropout on attention probabilities and the attention output, in training.</summary>
    [JsonPropertyName("attention_dropout")]
    public double AttentionDropout { get; init; }

    /// <summary>Dropout inside the feed-forward, in training.</summary>
    [JsonPropertyName("mlp_dropout")]
    public double MlpDropout { get; init; }

    /// <summary>The architecture family.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "modernbert";

    /// <summary>Fields LossGen does not read, kept for saving.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }

    /// <summary>The width of a head.</summary>
    [JsonIgnore]
    public int HeadDim => HiddenSize / NumAttentionHeads;

    /// <summary>Whether layer <paramref name="index"/> attends globally.</summary>
    public bool IsGlobal(int index) => index % GlobalAttnEveryNLayers == 0;

    /// <summary>A lower bound of the weights the configuration implies.</summary>
    [JsonIgnore]
    public double MinimumParameterCount => ((double)VocabSize * HiddenSize) + ((double)NumHiddenLayers * ((4.0 * HiddenSize * HiddenSize) + (3.0 * HiddenSize * IntermediateSize)));

    /// <summary>Refuses what LossGen does not compute, by field.</summary>
    /// <exception cref="ArgumentException">A field outside what LossGen computes.</exception>
    public void Validate()
    {
        if (NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
        {
            throw new ArgumentException($"hidden_size {HiddenSize} must be a positive multiple of num_attention_heads {NumAttentionHeads}.");
        }

        RotaryConfigChecks.Heads(HiddenSize, NumAttentionHeads, NumAttentionHeads, HeadDim);
        RotaryConfigChecks.Positive(("vocab_size", VocabSize), ("num_hidden_layers", NumHiddenLayers), ("intermediate_size", IntermediateSize), ("max_position_embeddings", MaxPositionEmbeddings), ("local_attention", LocalAttention), ("global_attn_every_n_layers", GlobalAttnEveryNLayers));
        RotaryConfigChecks.Activation("hidden_activation", HiddenActivation);
        if (!(NormEps > 0) || !(EmbeddingDropout is >= 0 and < 1) || !(AttentionDropout is >= 0 and < 1) || !(MlpDropout is >= 0 and < 1))
        {
            throw new ArgumentException("norm_eps must be positive and the dropout probabilities in [0, 1).");
        }
    }
}
