using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Backbones;
using LossGen.CrossEncoders.Modules;
using LossGen.Diagnostics;
using LossGen.Serialization;
using LossGen.Tokenizers;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Serialization;

/// <summary>
/// The cross-encoder's folder: a plain Hugging Face <c>…ForSequenceClassification</c> folder (<c>config.json</c> with
/// <c>architectures</c> and <c>id2label</c>, <c>model.safetensors</c>, the tokenizer files), as
/// cross-encoder/ms-marco-MiniLM-L6-v2 is published and sentence-transformers v4+ saves.
/// </summary>
internal static class CrossEncoderFolder
{
    private const string ClassificationSuffix = "ForSequenceClassification";

    /// <summary>
    /// Loads <paramref name="folder"/>: a cross-encoder, or any folder LossGen reads a backbone from (a bi-encoder's, a
    /// bare transformers model) with a new head of <paramref name="numLabels"/> labels (1 unless given), as
    /// <c>CrossEncoder(folder, num_labels=…)</c> does.
    /// </summary>
    /// <exception cref="ModelFormatException">A file is missing or malformed, the checkpoint lacks a head tensor its
    /// architecture needs, the head is not the backbone's, or <paramref name="numLabels"/> contradicts the checkpoint.</exception>
    public static CrossEncoder Load(string folder, int? numLabels, Device? device)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string root = BackboneFolder(folder);
        string configPath = Path.Combine(root, "config.json");
        JsonObject config = JsonFiles.ReadObject(configPath);
        string? architecture = config["architectures"] is JsonArray { Count: > 0 } list && list[0] is JsonValue first && first.TryGetValue(out string? name) ? name : null;
        bool hasHead = architecture?.EndsWith(ClassificationSuffix, StringComparison.Ordinal) == true;
        Dictionary<int, string>? labels = hasHead ? Labels(config, configPath) : null;
        int labelCount = labels?.Count ?? numLabels ?? 1;
        if (hasHead && numLabels is int asked && asked != labelCount)
        {
            throw new ModelFormatException(configPath, $"{architecture} has {labelCount} labels (id2label) but num_labels {asked} was asked for; its classifier cannot be reshaped.");
        }

        EncoderModel backbone = TransformerArchitectures.FromConfigFile(configPath, TransformerWeights.CountElements(root));
        Dictionary<string, Tensor>? rest = null;
        ClassificationHead? head = null;
        try
        {
            rest = TransformerWeights.Load(backbone, root);
            head = ClassificationHead.Create(backbone, labelCount);
            if (hasHead && head.Architecture != architecture)
            {
                throw new ModelFormatException(configPath, $"architectures names {architecture}, but model_type '{backbone.ModelType}' takes {head.Architecture}.");
            }

            LoadHead(head, rest, hasHead ? architecture! : null, Path.Combine(root, "model.safetensors"));
            TextTokenizer tokenizer = TokenizerFolder.Load(root, backbone.ModelType);
            int maxLength = Math.Min(ModelMaxLength(root) ?? backbone.MaxSequenceLength, backbone.MaxSequenceLength);
            var model = new CrossEncoder(backbone, head, tokenizer, maxLength, CrossEncoderActivations.Resolve(config, labelCount, configPath), labels, config);
            if (device is not null)
            {
                model.to(device);
            }

            return model;
        }
        catch
        {
            head?.Dispose();
            backbone.Dispose();
            throw;
        }
        finally
        {
            foreach (Tensor tensor in rest?.Values ?? Enumerable.Empty<Tensor>())
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Writes <paramref name="model"/> as transformers' <c>save_pretrained</c> and sentence-transformers' <c>CrossEncoder.save</c> lay it out.</summary>
    public static void Save(CrossEncoder model, string folder)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(folder);
        AtomicDirectory.Write(folder, staging =>
        {
            JsonFiles.Write(Path.Combine(staging, "config.json"), Config(model));
            File.WriteAllText(Path.Combine(staging, "README.md"), CrossEncoderModelCard.Write(model));
            string prefix = model.Backbone.BaseModelPrefix;
            var state = model.Backbone.named_parameters().ToDictionary(p => $"{prefix}.{p.name}", p => (Tensor)p.parameter, StringComparer.Ordinal);
            foreach ((string name, TorchSharp.Modules.Parameter parameter) in model.Head.named_parameters())
            {
                state.Add(ClassificationHead.CheckpointName(name, prefix), parameter);
            }

            SafeTensors.Save(Path.Combine(staging, "model.safetensors"), state, new Dictionary<string, string> { ["format"] = "pt" });
            foreach ((string name, byte[] bytes) in model.Tokenizer.Files)
            {
                File.WriteAllBytes(Path.Combine(staging, name), bytes);
            }

            // The cross-encoder truncates to the tokenizer's model_max_length, so that is where max_length is kept.
            string tokenizerConfig = Path.Combine(staging, "tokenizer_config.json");
            JsonObject tokenizerJson = File.Exists(tokenizerConfig) ? JsonFiles.ReadObject(tokenizerConfig) : new JsonObject();
            tokenizerJson["model_max_length"] = model.MaxLength;
            JsonFiles.Write(tokenizerConfig, tokenizerJson);
        });
    }

    private static JsonObject Config(CrossEncoder model)
    {
        JsonObject config = model.Backbone.ToConfigJson();
        foreach ((string field, JsonNode? value) in model.Config)
        {
            config[field] ??= value?.DeepClone();
        }

        config["architectures"] = new JsonArray(model.Head.Architecture);
        var id2label = new JsonObject();
        var label2id = new JsonObject();
        foreach ((int id, string label) in model.Id2Label.OrderBy(p => p.Key))
        {
            id2label[id.ToString(CultureInfo.InvariantCulture)] = label;
            label2id[label] = id;
        }

        config["id2label"] = id2label;
        config["label2id"] = label2id;
        config.Remove("num_labels");
        config.Remove("sbert_ce_default_activation_function");
        config["sentence_transformers"] = new JsonObject { ["activation_fn"] = model.ActivationFunction.ToPythonName() };
        return config;
    }

    /// <summary>
    /// Copies the head's tensors from <paramref name="state"/>; a missing one is refused for a task checkpoint
    /// (<paramref name="architecture"/> given) and initialised fresh, with transformers' warning, otherwise.
    /// </summary>
    internal static void LoadHead(ClassificationHead head, IReadOnlyDictionary<string, Tensor> state, string? architecture, string source)
    {
        var fresh = new List<string>();
        using (no_grad())
        {
            foreach ((string name, TorchSharp.Modules.Parameter parameter) in head.named_parameters())
            {
                if (!state.TryGetValue(name, out Tensor? value))
                {
                    if (architecture is not null)
                    {
                        throw new ModelFormatException(source, $"has no tensor {name}, which {architecture} needs.");
                    }

                    fresh.Add(name);
                    continue;
                }

                if (!value.shape.SequenceEqual(parameter.shape))
                {
                    throw new ModelFormatException(source, $"tensor {name} is [{string.Join(", ", value.shape)}] but {head.Architecture} with {head.NumLabels} labels needs [{string.Join(", ", parameter.shape)}].");
                }

                parameter.copy_(value);
            }
        }

        if (fresh.Count > 0)
        {
            // transformers' own warning when it puts a new head on a base model.
            LossGenLogging.LoggerFactory.CreateLogger("LossGen.CrossEncoders").LogWarning(
                "Some weights of {Architecture} were not initialized from the model checkpoint at {Source} and are newly initialized: {Names}. Train the model before using it.",
                head.Architecture, source, string.Join(", ", fresh));
        }
    }

    private static Dictionary<int, string> Labels(JsonObject config, string configPath)
    {
        if (config["id2label"] is not JsonObject map || map.Count == 0)
        {
            int count = JsonFiles.Int(config, "num_labels", configPath) ?? 2;
            return Enumerable.Range(0, count).ToDictionary(i => i, i => $"LABEL_{i}");
        }

        var labels = new Dictionary<int, string>();
        foreach ((string key, _) in map)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id >= map.Count)
            {
                throw new ModelFormatException(configPath, $"id2label key '{key}' is not a label index below {map.Count}.");
            }

            labels[id] = JsonFiles.String(map, key, configPath) ?? throw new ModelFormatException(configPath, $"id2label[\"{key}\"] is not a string.");
        }

        return labels;
    }

    private static int? ModelMaxLength(string root)
    {
        string path = Path.Combine(root, "tokenizer_config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        // transformers writes a huge sentinel (1e30) when a tokenizer has no limit; that means "the model's positions".
        return JsonFiles.ReadObject(path)["model_max_length"] is JsonValue value && value.TryGetValue(out double length) && length < int.MaxValue ? (int)length : null;
    }

    private static string BackboneFolder(string folder)
    {
        string modules = Path.Combine(folder, "modules.json");
        if (!File.Exists(modules))
        {
            return folder;
        }

        // A sentence-transformers folder: the backbone is its Transformer module.
        foreach (JsonNode? entry in JsonFiles.ReadArray(modules))
        {
            if (entry is JsonObject module && JsonFiles.String(module, "type", modules) is string type && type.StartsWith("sentence_transformers.models.Transformer", StringComparison.Ordinal))
            {
                return ModelPaths.Resolve(folder, JsonFiles.String(module, "path", modules) ?? string.Empty, modules, "Transformer module's path");
            }
        }

        throw new ModelFormatException(modules, "lists no sentence_transformers.models.Transformer module to take a backbone from.");
    }
}
