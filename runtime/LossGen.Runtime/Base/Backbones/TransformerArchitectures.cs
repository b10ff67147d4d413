using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using LossGen.Backbones.Bert;
using LossGen.Backbones.DistilBert;
using LossGen.Backbones.Gemma3;
using LossGen.Backbones.ModernBert;
using LossGen.Backbones.MPNet;
using LossGen.Backbones.Qwen3;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;

namespace LossGen.Backbones;

/// <summary>
/// The architectures LossGen builds, by <c>config.json</c>'s <c>model_type</c>. Anything else is refused by name: an
/// encoder built from the wrong architecture would load and give other embeddings.
/// </summary>
public static class TransformerArchitectures
{
    private static readonly string[] BertDropouts = ["hidden_dropout_prob", "attention_probs_dropout_prob"];

    private static readonly Dictionary<string, (Func<JsonObject, double?, EncoderModel> Build, string[] Dropouts)> Builders = new(StringComparer.Ordinal)
    {
        ["bert"] = ((json, available) => new BertModel(Bounded(json.Deserialize<BertConfig>()!, c => c.MinimumParameterCount, available)), BertDropouts),
        ["roberta"] = ((json, available) => new BertModel(Bounded(json.Deserialize<BertConfig>()!, c => c.MinimumParameterCount, available)), BertDropouts),
        ["xlm-roberta"] = ((json, available) => new BertModel(Bounded(json.Deserialize<BertConfig>()!, c => c.MinimumParameterCount, available)), BertDropouts),
        ["distilbert"] = ((json, available) => new DistilBertModel(Bounded(json.Deserialize<DistilBertConfig>()!, c => c.MinimumParameterCount, available)), ["dropout", "attention_dropout"]),
        ["mpnet"] = ((json, available) => new MPNetModel(Bounded(json.Deserialize<MPNetConfig>()!, c => c.MinimumParameterCount, available)), BertDropouts),
        ["modernbert"] = ((json, available) => new ModernBertModel(Bounded(json.Deserialize<ModernBertConfig>()!, c => c.MinimumParameterCount, available)), ["embedding_dropout", "attention_dropout", "mlp_dropout"]),
        ["qwen3"] = ((json, available) => new Qwen3Model(Bounded(json.Deserialize<Qwen3Config>()!, c => c.MinimumParameterCount, available)), ["attention_dropout"]),
        ["gemma3_text"] = ((json, available) => new Gemma3TextModel(Bounded(json.Deserialize<Gemma3TextConfig>()!, c => c.MinimumParameterCount, available)), ["attention_dropout"]),
    };

    /// <summary>The <c>model_type</c> values LossGen builds.</summary>
    public static IReadOnlyCollection<string> ModelTypes => Builders.Keys;

    /// <summary>
    /// Builds the randomly initialised encoder that the <c>config.json</c> at <paramref name="configPath"/> describes.
    /// When <paramref name="availableParameters"/> (the float elements of the weights to be loaded) is given, a
    /// configuration implying more is refused before anything is allocated.
    /// </summary>
    /// <exception cref="ModelFormatException">The file is missing, malformed, or describes an architecture or option LossGen does not implement.</exception>
    /// <param name="configPath">The config.json.</param>
    /// <param name="availableParameters">The float elements of the weights to be loaded, if known.</param>
    /// <param name="overrides">Fields replaced before building (transformers' <c>config_kwargs</c>); each must be in the file.</param>
    /// <param name="dropout">Every dropout probability of the architecture, when given.</param>
    public static EncoderModel FromConfigFile(string configPath, double? availableParameters = null, IReadOnlyDictionary<string, JsonNode?>? overrides = null, double? dropout = null)
    {
        ArgumentNullException.ThrowIfNull(configPath);
        JsonObject json = JsonFiles.ReadObject(configPath);
        string? modelType = json["model_type"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (modelType is null)
        {
            throw new ModelFormatException(configPath, "has no model_type string.");
        }

        if (!Builders.TryGetValue(modelType, out var architecture))
        {
            throw new ModelFormatException(configPath, $"model_type '{modelType}' is not an architecture LossGen builds; supported: {string.Join(", ", Builders.Keys)}.");
        }

        if (dropout is double probability)
        {
            foreach (string field in architecture.Dropouts)
            {
                json[field] = probability;
            }
        }

        foreach ((string field, JsonNode? replacement) in overrides ?? new Dictionary<string, JsonNode?>())
        {
            json[field] = json.ContainsKey(field) ? replacement?.DeepClone() : throw new ModelFormatException(configPath, $"has no field '{field}' to override; its fields are {string.Join(", ", json.Select(p => p.Key))}.");
        }

        try
        {
            return architecture.Build(json, availableParameters);
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

    private static TConfig Bounded<TConfig>(TConfig config, Func<TConfig, double> parameters, double? available)
    {
        double needed = parameters(config);
        return available is double have && needed > have
            ? throw new ArgumentException($"its sizes (vocab_size, hidden_size, layers, intermediate_size) imply at least {needed:G4} weights, but the weights files hold {have:G4}.")
            : config;
    }
}
