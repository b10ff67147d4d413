using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LossGen.Serialization;

/// <summary>Reads the JSON files of a model folder, every fault a <see cref="ModelFormatException"/> naming the file.</summary>
internal static class JsonFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The JSON object in <paramref name="path"/>.</summary>
    public static JsonObject ReadObject(string path) => Read(path) as JsonObject
        ?? throw new ModelFormatException(path, "is not a JSON object.");

    /// <summary>The JSON array in <paramref name="path"/>.</summary>
    public static JsonArray ReadArray(string path) => Read(path) as JsonArray
        ?? throw new ModelFormatException(path, "is not a JSON array.");

    /// <summary>The JSON value in <paramref name="path"/>.</summary>
    public static JsonNode? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(path, e is FileNotFoundException or DirectoryNotFoundException ? "does not exist." : $"cannot be read: {e.Message}", e);
        }

        try
        {
            // System.Text.Json defers some UTF-8 checks to when a string is read; check the whole file first.
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            var options = new JsonDocumentOptions { MaxDepth = 64 };
            using (JsonDocument document = JsonDocument.Parse(bytes, options))
            {
                CheckUniqueNames(path, document.RootElement);
            }

            return JsonNode.Parse(bytes, documentOptions: options);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new ModelFormatException(path, $"is not valid UTF-8: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, $"is not valid UTF-8 JSON: {e.Message}", e);
        }
    }

    // JsonObject throws a bare ArgumentException on a repeated name; name the field instead.
    private static void CheckUniqueNames(string path, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var names = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw new ModelFormatException(path, $"names field {property.Name} twice.");
                }

                CheckUniqueNames(path, property.Value);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                CheckUniqueNames(path, item);
            }
        }
    }

    /// <summary>The string field <paramref name="name"/> of <paramref name="json"/>, or <c>null</c> when absent or JSON null.</summary>
    public static string? String(JsonObject json, string name, string path) => json[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonNode other => throw new ModelFormatException(path, $"field {name} is {other.ToJsonString()}, not a string."),
    };

    /// <summary>The boolean field <paramref name="name"/> of <paramref name="json"/>, or <paramref name="fallback"/> when absent or JSON null.</summary>
    public static bool Bool(JsonObject json, string name, string path, bool fallback) => json[name] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue(out bool flag) => flag,
        JsonNode other => throw new ModelFormatException(path, $"field {name} is {other.ToJsonString()}, not true or false."),
    };

    /// <summary>The integer field <paramref name="name"/> of <paramref name="json"/>, or <c>null</c> when absent or JSON null.</summary>
    public static int? Int(JsonObject json, string name, string path) => json[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out int number) => number,
        JsonValue value when value.TryGetValue(out double real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue => (int)real,
        JsonNode other => throw new ModelFormatException(path, $"field {name} is {other.ToJsonString()}, not an integer."),
    };

    /// <summary>Writes <paramref name="node"/> indented, as sentence-transformers writes its JSON files.</summary>
    public static void Write(string path, JsonNode node) => File.WriteAllText(path, node.ToJsonString(Indented));
}
