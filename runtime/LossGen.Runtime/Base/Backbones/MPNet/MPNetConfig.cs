using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using LossGen.Backbones;

namespace LossGen.Backbones.MPNet;

/// <summary>The hyper-parameters of an MPNet encoder, named as in its Hugging Face <c>config.json</c>.</summary>
public sealed record MPNetConfig
{
    /// <summary>Vocabulary size.</summary>
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 30527;

    /// <summary>Width of the hidden states.</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; } = 768;

    /// <summary>Number of transformer layers.</summary>
    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; } = 12;

    /// <summary>Attention heads per layer.</summary>
    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; } = 12;

    /// <summary>Width of the feed-forward layer.</summary>
    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; } = 3072;

    /// <summary>Positions the model can embed.</summary>
    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 514;

    /// <summary>Buckets of the relative attention bias.</summary>
    [JsonPropertyName("relative_attention_num_buckets")]
    public int RelativeAttentionNumBuckets { get; init; } = 32;

    /// <summary>LayerNorm epsilon.</summary>
    [JsonPropertyName("layer_norm_eps")]
    public double LayerNormEps { get; init; } = 1e-12;

    /// <summary>Dropout on embeddings and sub-layer outputs, active in training only.</summary>
    [JsonPropertyName("hidden_dropout_prob")]
    public double HiddenDropoutProb { get; init; } = 0.1;

    /// <summary>Dropout on attention probabilities, active in training only.</summary>
    [JsonPropertyName("attention_probs_dropout_prob")]
    public double AttentionProbsDropoutProb { get; init; } = 0.1;

    /// <summary>The feed-forward activation, one of <see cref="Activation.Names"/>.</summary>
    [JsonPropertyName("hidden_act")]
    public string HiddenAct { get; init; } = "gelu";

    /// <summary>Always <c>mpnet</c>.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "mpnet";

    /// <summary>The fields of <c>config.json</c> LossGen does not read, kept for saving.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }

    /// <summary>
    /// A lower bound on the weights this configuration implies (word embeddings and each layer's projections), checked
    /// against the weights file before anything is allocated, so a hostile config cannot ask for terabytes.
    /// </summary>
    [JsonIgnore]
    public double MinimumParameterCount => ((double)VocabSize * HiddenSize) + ((double)NumHiddenLayers * ((4.0 * HiddenSize * HiddenSize) + (2.0 * HiddenSize * IntermediateSize)));

    /// <summary>Checks that the values describe a model this implementation builds exactly.</summary>
    /// <exception cref="ArgumentException">A value is out of range or names something LossGen does not implement.</exception>
    public void Validate()
    {
        if (HiddenSize <= 0 || NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
        {
            throw new ArgumentException($"hidden_size {HiddenSize} must be a positive multiple of num_attention_heads {NumAttentionHeads}.");
        }

        if (VocabSize <= 0 || NumHiddenLayers <= 0 || IntermediateSize <= 0 || MaxPositionEmbeddings <= MPNetModel.PaddingIdx + 2)
        {
            throw new ArgumentException("vocab_size, num_hidden_layers and intermediate_size must be positive, max_position_embeddings above 3.");
        }

        if (RelativeAttentionNumBuckets < 4 || RelativeAttentionNumBuckets % 4 != 0)
        {
            throw new ArgumentException($"relative_attention_num_buckets {RelativeAttentionNumBuckets} must be a positive multiple of 4.");
        }

        if (!(LayerNormEps > 0) || !(HiddenDropoutProb is >= 0 and < 1) || !(AttentionProbsDropoutProb is >= 0 and < 1))
        {
            throw new ArgumentException("layer_norm_eps must be positive and the dropout probabilities in [0, 1).");
        }

        if (!Activation.IsKnown(HiddenAct))
        {
            throw new ArgumentException(Activation.Unknown("hidden_act", HiddenAct));
        }
    }
}
