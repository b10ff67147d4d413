using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using LossGen.Serialization;

namespace LossGen.Tokenizers;

/// <summary>
/// How to turn texts into the inputs of an exported encoder: the JSON file written beside an exported ONNX model
/// (<c>model.onnx</c> → <c>model.tokenization.json</c>), with the tokenizer files in the same folder.
/// </summary>
public sealed record TokenizationSettings
{
    /// <summary>Texts are truncated to this many tokens, special tokens included.</summary>
    [JsonPropertyName("max_seq_length")]
    public int MaxSeqLength { get; init; }

    /// <summary>Lower-case texts before tokenizing (sentence-transformers' <c>do_lower_case</c>).</summary>
    [JsonPropertyName("do_lower_case")]
    public bool DoLowerCase { get; init; }

    /// <summary>The architecture (<c>model_type</c>), for information.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = string.Empty;

    /// <summary>The width of <c>sentence_embedding</c>.</summary>
    [JsonPropertyName("embedding_dimension")]
    public int EmbeddingDimension { get; init; }

    /// <summary>Named prompts, prepended as <c>encode()</c> prepends them.</summary>
    [JsonPropertyName("prompts")]
    public Dictionary<string, string> Prompts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The prompt used when none is asked for, or <c>null</c>.</summary>
    [JsonPropertyName("default_prompt_name")]
    public string? DefaultPromptName { get; init; }

    /// <summary>The model's similarity (cosine, dot, euclidean, manhattan).</summary>
    [JsonPropertyName("similarity_fn_name")]
    public string SimilarityFunctionName { get; init; } = "cosine";

    /// <summary>The sidecar path of an ONNX file.</summary>
    public static string PathFor(string onnxPath) => Path.ChangeExtension(onnxPath, ".tokenization.json");

    /// <summary>Writes the settings to <paramref name="path"/>.</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>Reads the settings at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing or malformed.</exception>
    public static TokenizationSettings Read(string path)
    {
        try
        {
            TokenizationSettings settings = JsonFiles.ReadObject(path).Deserialize<TokenizationSettings>()
                ?? throw new ModelFormatException(path, "is empty.");
            return settings.MaxSeqLength >= 2 ? settings : throw new ModelFormatException(path, $"max_seq_length {settings.MaxSeqLength} is below 2.");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, $"field {e.Path} has the wrong type: {e.Message}", e);
        }
    }
}
