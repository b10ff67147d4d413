using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using LossGen.Backbones;

namespace LossGen.Backbones.DistilBert;

/// <summary>The hyper-parameters of a DistilBERT encoder, named as in its Hugging Face <c>config.json</c>.</summary>
public sealed record DistilBertConfig
{
    /// <summary>Vocabulary size.</summary>
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 30522;

    /// <summary>Width of the hidden states.</summary>
    [JsonPropertyName("dim")]
    public int Dim { get; init; } = 768;

    /// <summary>Number of transformer layers.</summary>
    [JsonPropertyName("n_layers")]
    public int NLayers { get; init; } = 6;

    /// <summary>Attention heads per layer.</summary>
    [JsonPropertyName("n_heads")]
    public int NHeads { get; init; } = 12;

    /// <summary>Width of the feed-forward layer.</summary>
    [JsonPropertyName("hidden_dim")]
    public int HiddenDim { get; init; } = 3072;

    /// <summary>Positions the model can embed.</summary>
    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 512;

    /// <summary>Dropout on embeddings and sub-layer outputs, active in training only.</summary>
    [JsonPropertyName("dropout")]
    public double Dropout { get; init; } = 0.1;

    /// <summary>Dropout on attention probabilities, active in training only.</summary>
    [JsonPropertyName("attention_dropout")]
    public double AttentionDropout { get; init; } = 0.1;

    /// <summary>The feed-forward activation, one of <see cref="Activation.Names"/>.</summary>
    [JsonPropertyName("activation")]
    public string Activation { get; init; } = "gelu";

    /// <summary>The padding token's id.</summary>
    [JsonPropertyName("pad_token_id")]
    public int PadTokenId { get; init; }

    /// <summary>Always <c>distilbert</c>.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "distilbert";

    /// <summary>The fields of <c>config.json</c> LossGen does not read, kept for saving.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }

    /// <summary>
    /// A lower bound on the weights this configuration implies (word embeddings and each layer's projections), checked
    /// against the weights file before anything is allocated, so a hostile config cannot ask for terabytes.
    /// </summary>
    [JsonIgnore]
    public double MinimumParameterCount => ((double)VocabSize * Dim) + ((double)NLayers * ((4.0 * Dim * Dim) + (2.0 * Dim * HiddenDim)));

    /// <summary>Checks that the values describe a model this implementation builds exactly.</summary>
    /// <exception cref="ArgumentException">A value is out of range or names something LossGen does not implement.</exception>
    public void Validate()
    {
        if (Dim <= 0 || NHeads <= 0 || Dim % NHeads != 0)
        {
            throw new ArgumentException($"dim {Dim} must be a positive multiple of n_heads {NHeads}.");
        }

        if (VocabSize <= 0 || NLayers <= 0 || HiddenDim <= 0 || MaxPositionEmbeddings <= 0)
        {
            throw new ArgumentException("vocab_size, n_layers, hidden_dim and max_position_embeddings must be positive.");
        }

        if (!(Dropout is >= 0 and < 1) || !(AttentionDropout is >= 0 and < 1))
        {
            throw new ArgumentException("dropout and attention_dropout must be in [0, 1).");
        }

        if (!Backbones.Activation.IsKnown(Activation))
        {
            throw new ArgumentException(Backbones.Activation.Unknown("activation", Activation));
        }
    }
}
