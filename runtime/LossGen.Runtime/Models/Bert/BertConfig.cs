using System.Text.Json.Serialization;

namespace LossGen.Models.Bert;

/// <summary>The hyper-parameters of a BERT-family encoder, named as in Hugging Face's <c>config.json</c>.</summary>
public sealed record BertConfig
{
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

    /// <summary>The feed-forward activation; only exact <c>gelu</c> is supported.</summary>
    [JsonPropertyName("hidden_act")]
    public string HiddenAct { get; init; } = "gelu";

    /// <summary>The architecture family, as Hugging Face writes it.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "bert";

    /// <summary>Checks that the values describe a model this implementation can build.</summary>
    public void Validate()
    {
        if (HiddenSize <= 0 || NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
        {
            throw new System.ArgumentException($"BertConfig: hidden_size {HiddenSize} must be a positive multiple of num_attention_heads {NumAttentionHeads}.");
        }

        if (VocabSize <= 0 || NumHiddenLayers <= 0 || IntermediateSize <= 0 || MaxPositionEmbeddings <= 0 || TypeVocabSize <= 0)
        {
            throw new System.ArgumentException("BertConfig: vocab_size, num_hidden_layers, intermediate_size, max_position_embeddings and type_vocab_size must be positive.");
        }

        if (HiddenAct != "gelu")
        {
            throw new System.NotSupportedException($"BertConfig: hidden_act '{HiddenAct}' is not supported; only exact 'gelu' is.");
        }
    }
}
