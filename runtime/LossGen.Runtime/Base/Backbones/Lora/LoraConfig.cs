using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Serialization;

namespace LossGen.Backbones.Lora;

/// <summary>
/// A LoRA adapter's settings, as PEFT's <c>LoraConfig</c> writes them to <c>adapter_config.json</c>: rank
/// <see cref="R"/>, <see cref="LoraAlpha"/>, <see cref="LoraDropout"/> and the <see cref="TargetModules"/> (names matched
/// as PEFT matches them: the whole module path, or its last components after a dot). PEFT options LossGen does not
/// compute (DoRA, biases, fan_in_fan_out, per-layer ranks, modules_to_save…) are refused by name when read.
/// </summary>
public sealed record LoraConfig
{
    /// <summary>The rank of the update <c>B·A</c>.</summary>
    public int R { get; init; } = 8;

    /// <summary>The update is scaled by <c>lora_alpha / r</c> (or <c>/ √r</c> with <see cref="UseRslora"/>).</summary>
    public double LoraAlpha { get; init; } = 8;

    /// <summary>Dropout on the adapter's input, in training.</summary>
    public double LoraDropout { get; init; }

    /// <summary>The Linear modules to adapt (e.g. <c>query</c>, <c>value</c>; <c>q_proj</c>, <c>v_proj</c>).</summary>
    public IReadOnlyList<string> TargetModules { get; init; } = [];

    /// <summary>Rank-stabilised scaling <c>lora_alpha / √r</c>.</summary>
    public bool UseRslora { get; init; }

    /// <summary>The base model the adapter was trained on, as written to <c>base_model_name_or_path</c>.</summary>
    public string? BaseModelNameOrPath { get; init; }

    /// <summary>The factor of the update.</summary>
    public double Scaling => UseRslora ? LoraAlpha / Math.Sqrt(R) : LoraAlpha / R;

    /// <summary>Refuses settings outside what LoRA means.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, by name.</exception>
    public void Validate()
    {
        if (R <= 0)
        {
            throw new ArgumentException($"LoRA r is {R}; it must be positive.");
        }

        if (!(LoraDropout is >= 0 and < 1))
        {
            throw new ArgumentException($"LoRA lora_dropout is {LoraDropout}; it must be in [0, 1).");
        }

        if (TargetModules.Count == 0)
        {
            throw new ArgumentException("LoRA target_modules is empty; name the Linear modules to adapt (e.g. query and value for BERT, q_proj and v_proj for Qwen3).");
        }
    }

    /// <summary>Whether the module at <paramref name="path"/> is a target, by PEFT's rule for a list of names.</summary>
    public bool Targets(string path) => TargetModules.Any(target => path == target || path.EndsWith("." + target, StringComparison.Ordinal));

    /// <summary>Reads <c>adapter_config.json</c>.</summary>
    /// <exception cref="ModelFormatException">The file is not a LoRA config LossGen computes exactly, by field.</exception>
    public static LoraConfig Read(string path)
    {
        JsonObject json = JsonFiles.ReadObject(path);
        string type = JsonFiles.String(json, "peft_type", path) ?? "LORA";
        if (type != "LORA")
        {
            throw new ModelFormatException(path, $"peft_type is '{type}'; LossGen loads LoRA adapters only.");
        }

        Refuse(json, path, "use_dora", node => node?.GetValue<bool>() == true, "DoRA");
        Refuse(json, path, "fan_in_fan_out", node => node?.GetValue<bool>() == true, "transposed (Conv1D) weights");
        Refuse(json, path, "bias", node => node is not null && node.GetValue<string>() != "none", "trained biases");
        Refuse(json, path, "lora_bias", node => node?.GetValue<bool>() == true, "LoRA biases");
        Refuse(json, path, "modules_to_save", node => node is JsonArray { Count: > 0 }, "fully trained extra modules");
        Refuse(json, path, "layers_to_transform", node => node is not null, "adapting a subset of layers");
        Refuse(json, path, "rank_pattern", node => node is JsonObject { Count: > 0 }, "per-module ranks");
        Refuse(json, path, "alpha_pattern", node => node is JsonObject { Count: > 0 }, "per-module alphas");
        Refuse(json, path, "layer_replication", node => node is not null, "layer replication");
        Refuse(json, path, "target_parameters", node => node is JsonArray { Count: > 0 }, "targeting parameters");
        Refuse(json, path, "exclude_modules", node => node is not null, "excluded modules");
        Refuse(json, path, "trainable_token_indices", node => node is not null, "trainable tokens");
        IReadOnlyList<string> targets = json["target_modules"] switch
        {
            JsonArray names => names.Select(n => n!.GetValue<string>()).ToArray(),
            JsonValue value => throw new ModelFormatException(path, $"target_modules is the regular expression '{value}'; LossGen matches a list of module names."),
            _ => throw new ModelFormatException(path, "has no target_modules."),
        };

        var config = new LoraConfig
        {
            R = JsonFiles.Int(json, "r", path) ?? 8,
            LoraAlpha = json["lora_alpha"]?.GetValue<double>() ?? 8,
            LoraDropout = json["lora_dropout"]?.GetValue<double>() ?? 0,
            TargetModules = targets,
            UseRslora = JsonFiles.Bool(json, "use_rslora", path, false),
            BaseModelNameOrPath = JsonFiles.String(json, "base_model_name_or_path", path),
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException(path, e.Message, e);
        }

        return config;
    }

    /// <summary>Writes <c>adapter_config.json</c> as PEFT writes it, for <c>SentenceTransformer.load_adapter</c> and PEFT.</summary>
    public void Write(string path, string baseModelClass)
    {
        var json = new JsonObject
        {
            ["alpha_pattern"] = new JsonObject(),
            ["auto_mapping"] = new JsonObject { ["base_model_class"] = baseModelClass, ["parent_library"] = "transformers" },
            ["base_model_name_or_path"] = BaseModelNameOrPath,
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
            ["init_lora_weights"] = true,
            ["layers_pattern"] = null,
            ["layers_to_transform"] = null,
            ["lora_alpha"] = LoraAlpha,
            ["lora_dropout"] = LoraDropout,
            ["modules_to_save"] = null,
            ["peft_type"] = "LORA",
            ["r"] = R,
            ["rank_pattern"] = new JsonObject(),
            ["revision"] = null,
            ["target_modules"] = new JsonArray(TargetModules.Select(t => (JsonNode?)t).ToArray()),
            ["task_type"] = null,
            ["use_dora"] = false,
            ["use_rslora"] = UseRslora,
        };
        JsonFiles.Write(path, json);
    }

    private static void Refuse(JsonObject json, string path, string field, Func<JsonNode?, bool> used, string what)
    {
        if (used(json[field]))
        {
            throw new ModelFormatException(path, $"{field} asks for {what} ({json[field]!.ToJsonString()}), which LossGen's LoRA does not compute.");
        }
    }
}
