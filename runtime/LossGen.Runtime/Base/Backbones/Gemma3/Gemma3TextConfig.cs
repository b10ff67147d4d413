using System;
using System.Linq;
using System.Text.Json.Serialization;
using LossGen.Backbones.Rotary;

namespace LossGen.Backbones.Gemma3;

/// <summary>
/// The fields of a Gemma3 text <c>config.json</c> (<c>model_type: gemma3_text</c>, EmbeddingGemma's backbone) that
/// LossGen reads; the others are kept as loaded and written back, <c>sliding_window</c> included as the Hub spells it.
/// </summary>
public sealed record Gemma3TextConfig : DecoderConfig
{
    /// <summary>A configuration with Gemma3's defaults.</summary>
    public Gemma3TextConfig()
    {
        (VocabSize, HiddenSize, IntermediateSize, NumHiddenLayers) = (262208, 2304, 9216, 26);
        (NumAttentionHeads, NumKeyValueHeads, HeadDim, MaxPositionEmbeddings) = (8, 4, 256, 131072);
        (RopeTheta, ModelType) = (1000000.0, "gemma3_text");
    }

    /// <summary>The feed-forward's gate activation.</summary>
    [JsonPropertyName("hidden_activation")]
    public string HiddenActivation { get; init; } = "gelu_pytorch_tanh";

    /// <summary>The RoPE base of sliding-window layers.</summary>
    [JsonPropertyName("rope_local_base_freq")]
    public double RopeLocalBaseFreq { get; init; } = 10000.0;

    /// <summary>Scores are scaled by this value's inverse square root (instead of the head width's).</summary>
    [JsonPropertyName("query_pre_attn_scalar")]
    public double QueryPreAttnScalar { get; init; } = 256;

    /// <summary>The sliding window as the Hub's config spells it (see <see cref="WindowDistance"/>).</summary>
    [JsonPropertyName("sliding_window")]
    public int SlidingWindow { get; init; } = 4096;

    /// <summary>Every sixth layer is full when <see cref="DecoderConfig.LayerTypes"/> is absent (older configs).</summary>
    [JsonPropertyName("_sliding_window_pattern")]
    public int SlidingWindowPattern { get; init; } = 6;

    /// <summary>EmbeddingGemma's bidirectional attention (false: causal, as the generative model).</summary>
    [JsonPropertyName("use_bidirectional_attention")]
    public bool UseBidirectionalAttention { get; init; }

    /// <summary>Soft-capping of attention scores (must be null, as Gemma3 ships).</summary>
    [JsonPropertyName("attn_logit_softcapping")]
    public double? AttnLogitSoftcapping { get; init; }

    /// <summary>
    /// The farthest key a sliding layer's query sees: with bidirectional attention transformers uses the window
    /// <c>sliding_window // 2 + 1</c> on both sides (|i − j| &lt; it), causally <c>sliding_window − 1</c> positions back.
    /// </summary>
    [JsonIgnore]
    public long WindowDistance => UseBidirectionalAttention ? SlidingWindow / 2 : SlidingWindow - 1;

    /// <summary>Whether layer <paramref name="index"/> attends within the sliding window.</summary>
    public bool IsSliding(int index) => LayerTypes is { } types ? types[index] == "sliding_attention" : (index + 1) % SlidingWindowPattern != 0;

    /// <inheritdoc />
    public override void Validate()
    {
        ValidateShared("hidden_activation", HiddenActivation);
        RotaryConfigChecks.Positive(("sliding_window", SlidingWindow));
        if (AttnLogitSoftcapping is not null)
        {
            throw new ArgumentException("attn_logit_softcapping is set; LossGen computes Gemma3 as it ships, without soft-capping.");
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
