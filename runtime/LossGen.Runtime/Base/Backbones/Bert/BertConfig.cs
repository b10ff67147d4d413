using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using LossGen.Backbones;

namespace LossGen.Backbones.Bert;

/// <summary>
/// The hyper-parameters of a BERT-family encoder (BERT, RoBERTa, XLM-RoBERTa), named as in Hugging Face's
/// <c>config.json</c>. Fields LossGen does not read are kept in <see cref="ExtensionData"/> and written back on save.
/// </summary>
public sealed record BertConfig
{
    /// <summary>The <c>model_type</c> values this configuration describes.</summary>
    public static IReadOnlyList<string> ModelTypes { get; } = ["bert", "roberta", "xlm-roberta"];

    /// <summary>Vocabulary size.</summary>
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 30522;

    /// <summary>Width of the hidden states.</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; } = 384;

    /// <summary>Number of transformer layers.</summary>
    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; } = 6;

    /// <summary>Attention heads per layer.</summary>
    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; } = 12;

    /// <summary>Width of the feed-forward layer.</summary>
    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; } = 1536;

    /// <summary>Positions the model can embed.</summary>
    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 512;

    /// <summary>Token type (segment) vocabulary size.</summary>
    [JsonPropertyName("type_vocab_size")]
    public int TypeVocabSize { get; init; } = 2;

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

    /// <summary>Only <c>absolute</c> positions are implemented; relative_key and relative_key_query are refused.</summary>
    [JsonPropertyName("position_embedding_type")]
    public string PositionEmbeddingType { get; init; } = "absolute";

    /// <summary>The padding token's id: RoBERTa and XLM-R number positions from it.</summary>
    [JsonPropertyName("pad_token_id")]
    public int PadTokenId { get; init; }

    /// <summary>The architecture family, as Hugging Face writes it: one of <see cref="ModelTypes"/>.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "bert";

    /// <summary>The fields of <c>config.json</c> LossGen does not read, kept for saving.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }

    /// <summary>RoBERTa and XLM-R count positions from <see cref="PadTokenId"/> + 1 (BERT from 0).</summary>
    [JsonIgnore]
    public bool PositionsFromPadding => ModelType is "roberta" or "xlm-roberta";

    /// <summary>The longest sequence the position embeddings take (RoBERTa loses the first pad + 1 positions).</summary>
    [JsonIgnore]
    public int MaxSequenceLength => PositionsFromPadding ? MaxPositionEmbeddings - PadTokenId - 1 : MaxPositionEmbeddings;

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
        if (!ModelTypes.Contains(ModelType))
        {
            throw new ArgumentException($"model_type '{ModelType}' is not a BERT-family type ({string.Join(", ", ModelTypes)}).");
        }

        if (HiddenSize <= 0 || NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
        {
            throw new ArgumentException($"hidden_size {HiddenSize} must be a positive multiple of num_attention_heads {NumAttentionHeads}.");
        }

        if (VocabSize <= 0 || NumHiddenLayers <= 0 || IntermediateSize <= 0 || MaxPositionEmbeddings <= 0 || TypeVocabSize <= 0)
        {
            throw new ArgumentException("vocab_size, num_hidden_layers, intermediate_size, max_position_embeddings and type_vocab_size must be positive.");
        }

        if (PadTokenId < 0 || (PositionsFromPadding && MaxSequenceLength < 2))
        {
            throw new ArgumentException($"pad_token_id {PadTokenId} leaves no positions of the {MaxPositionEmbeddings} max_position_embeddings.");
        }

        if (!(LayerNormEps > 0) || !(HiddenDropoutProb is >= 0 and < 1) || !(AttentionProbsDropoutProb is >= 0 and < 1))
        {
            throw new ArgumentException("layer_norm_eps must be positive and the dropout probabilities in [0, 1).");
        }

        if (PositionEmbeddingType != "absolute")
        {
            throw new ArgumentException($"position_embedding_type '{PositionEmbeddingType}' is not supported: LossGen implements absolute position embeddings only (relative_key and relative_key_query add per-layer distance embeddings it does not compute).");
        }

        if (!Activation.IsKnown(HiddenAct))
        {
            throw new ArgumentException(Activation.Unknown("hidden_act", HiddenAct));
        }
    }
}
