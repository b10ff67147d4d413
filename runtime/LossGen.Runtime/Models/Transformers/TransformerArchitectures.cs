using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using LossGen.Models.Bert;
using LossGen.Models.DistilBert;
using LossGen.Models.MPNet;
using LossGen.Serialization;

namespace LossGen.Models.Transformers;

/// <summary>
/// The architectures LossGen builds, by <c>config.json</c>'s <c>model_type</c>. Anything else is refused by name: an
/// encoder built from the wrong architecture would load and give other embeddings.
/// </summary>
public static class TransformerArchitectures
{
    private static readonly Dictionary<string, Func<JsonObject, EncoderModel>> Builders = new(StringComparer.Ordinal)
    {
        ["bert"] = json => new BertModel(json.Deserialize<BertConfig>()!),
        ["roberta"] = json => new BertModel(json.Deserialize<BertConfig>()!),
        ["xlm-roberta"] = json => new BertModel(json.Deserialize<BertConfig>()!),
        ["distilbert"] = json => new DistilBertModel(json.Deserialize<DistilBertConfig>()!),
        ["mpnet"] = json => new MPNetModel(json.Deserialize<MPNetConfig>()!),
    };

    /// <summary>The <c>model_type</c> values LossGen builds.</summary>
    public static IReadOnlyCollection<string> ModelTypes => Builders.Keys;

    /// <summary>Builds the randomly initialised encoder that the <c>config.json</c> at <paramref name="configPath"/> describes.</summary>
    /// <exception cref="ModelFormatException">The file is missing, malformed, or describes an architecture or option LossGen does not implement.</exception>
    public static EncoderModel FromConfigFile(string configPath)
    {
        ArgumentNullException.ThrowIfNull(configPath);
        JsonObject json = JsonFiles.ReadObject(configPath);
        string? modelType = json["model_type"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (modelType is null)
        {
            throw new ModelFormatException(configPath, "has no model_type string.");
        }

        if (!Builders.TryGetValue(modelType, out Func<JsonObject, EncoderModel>? build))
        {
            throw new ModelFormatException(configPath, $"model_type '{modelType}' is not an architecture LossGen builds; supported: {string.Join(", ", Builders.Keys)}.");
        }

        try
        {
            return build(json);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(configPath, $"field {e.Path?.TrimStart('$', '.')} has the wrong type: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException(configPath, e.Message, e);
        }
    }
}
