using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using LossGen.Serialization;

namespace LossGen.Tokenizers;

/// <summary>
/// How to turn (query, document) pairs into the inputs of an exported cross-encoder and read its outputs: the JSON file
/// written beside the ONNX model (<c>model.onnx</c> → <c>model.reranker.json</c>), with the tokenizer files in the same folder.
/// </summary>
public sealed record RerankerSettings
{
    /// <summary>Pairs are cut to this many ids, special tokens included (<c>max_length</c>, Rust <c>longest_first</c>).</summary>
    [JsonPropertyName("max_length")]
    public int MaxLength { get; init; }

    /// <summary>The architecture (<c>model_type</c>).</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = string.Empty;

    /// <summary>Logits per pair.</summary>
    [JsonPropertyName("num_labels")]
    public int NumLabels { get; init; }

    /// <summary>The activation the graph's <c>scores</c> output applies to <c>logits</c>, as sentence-transformers names it.</summary>
    [JsonPropertyName("activation_fn")]
    public string ActivationFunction { get; init; } = string.Empty;

    /// <summary>The sidecar path of an ONNX file.</summary>
    public static string PathFor(string onnxPath) => Path.ChangeExtension(onnxPath, ".reranker.json");

    /// <summary>Writes the settings to <paramref name="path"/>.</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>Reads the settings at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing or malformed.</exception>
    public static RerankerSettings Read(string path)
    {
        try
        {
            RerankerSettings settings = JsonFiles.ReadObject(path).Deserialize<RerankerSettings>() ?? throw new ModelFormatException(path, "is empty.");
            return settings.MaxLength >= 4 && settings.NumLabels >= 1 ? settings : throw new ModelFormatException(path, $"max_length {settings.MaxLength} or num_labels {settings.NumLabels} is out of range.");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, $"field {e.Path} has the wrong type: {e.Message}", e);
        }
    }
}
