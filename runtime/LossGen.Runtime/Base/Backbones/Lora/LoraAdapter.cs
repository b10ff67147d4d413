using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using LossGen.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Lora;

/// <summary>
/// A LoRA adapter on an encoder: one <see cref="LoraLinear"/> per targeted Linear, applied wherever the encoder's
/// layers project (<see cref="MixedPrecision"/>), the base weights frozen so that training updates — and the optimizer
/// keeps state for — the adapter alone. Saved in PEFT's format (<c>adapter_config.json</c>,
/// <c>adapter_model.safetensors</c> with <c>base_model.model.&lt;path&gt;.lora_A.weight</c>), or merged into the weights.
/// </summary>
public sealed class LoraAdapter : nn.Module
{
    /// <summary>PEFT's prefix of every tensor name in <c>adapter_model.safetensors</c>.</summary>
    public const string TensorPrefix = "base_model.model.";

    private static readonly ConditionalWeakTable<Linear, LoraLinear> Attached = new();
#pragma warning disable IDE1006 // The module list of the adapter's updates.
    private readonly ModuleList<LoraLinear> updates;
#pragma warning restore IDE1006
    private readonly List<(string Path, Linear Target)> _targets;

    private LoraAdapter(LoraConfig config, List<(string Path, Linear Target)> targets)
        : base(nameof(LoraAdapter))
    {
        Config = config;
        _targets = targets;
        updates = new ModuleList<LoraLinear>();
        foreach ((_, Linear target) in targets)
        {
            updates.Add(new LoraLinear(target.in_features, target.out_features, config));
        }

        RegisterComponents();
    }

    /// <summary>The adapter's settings.</summary>
    public LoraConfig Config { get; }

    /// <summary>The adapted modules' paths in the encoder, with their updates.</summary>
    public IEnumerable<(string Path, LoraLinear Update)> Updates => _targets.Select((t, i) => (t.Path, updates[i]));

    /// <summary>
    /// The update attached to <paramref name="linear"/>, if an adapter targets it; the encoders' projections add its
    /// output to the Linear's.
    /// </summary>
    public static LoraLinear? Of(Linear linear) => Attached.TryGetValue(linear, out LoraLinear? update) ? update : null;

    /// <summary>Creates a fresh adapter on the Linear modules of <paramref name="encoder"/> that <paramref name="config"/> targets.</summary>
    /// <exception cref="ArgumentException">The settings are invalid, or name no Linear module, or a module that is not a Linear.</exception>
    internal static LoraAdapter Create(EncoderModel encoder, LoraConfig config)
    {
        config.Validate();
        var targets = new List<(string, Linear)>();
        foreach ((string path, nn.Module module) in encoder.named_modules())
        {
            if (path.Length == 0 || !config.Targets(path))
            {
                continue;
            }

            targets.Add((path, module as Linear ?? throw new ArgumentException($"LoRA target '{path}' of {encoder.GetType().Name} is a {module.GetType().Name}; LossGen adapts Linear modules only.")));
        }

        if (targets.Count == 0)
        {
            throw new ArgumentException($"LoRA target_modules [{string.Join(", ", config.TargetModules)}] match no module of {encoder.GetType().Name} ({encoder.ModelType}); its Linear modules end in: {string.Join(", ", encoder.named_modules().Where(m => m.module is Linear).Select(m => m.name.Split('.')[^1]).Distinct())}.");
        }

        return new LoraAdapter(config, targets);
    }

    /// <summary>Attaches the updates to their Linear modules.</summary>
    internal void Attach()
    {
        foreach ((string _, Linear target, LoraLinear update) in _targets.Select((t, i) => (t.Path, t.Target, updates[i])))
        {
            Attached.AddOrUpdate(target, update);
        }
    }

    /// <summary>Detaches the updates: the Linear modules compute their base weights again.</summary>
    internal void Detach()
    {
        foreach ((_, Linear target) in _targets)
        {
            Attached.Remove(target);
        }
    }

    /// <summary>Adds each update <c>scaling · B·A</c> into its Linear's weight (PEFT's <c>merge_and_unload</c>) and detaches.</summary>
    internal void Merge()
    {
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            foreach ((string _, Linear target, LoraLinear update) in _targets.Select((t, i) => (t.Path, t.Target, updates[i])))
            {
                target.weight!.add_(update.Delta().to(target.weight.dtype));
            }
        }

        Detach();
    }

    /// <summary>The adapter's tensors under PEFT's names.</summary>
    public Dictionary<string, Tensor> StateDict() =>
        Updates.SelectMany(u => new[] { ($"{TensorPrefix}{u.Path}.lora_A.weight", (Tensor)u.Update.A), ($"{TensorPrefix}{u.Path}.lora_B.weight", u.Update.B) })
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>Writes <c>adapter_config.json</c> and <c>adapter_model.safetensors</c> to <paramref name="folder"/>.</summary>
    public void Save(string folder, string baseModelClass)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        Config.Write(Path.Combine(folder, "adapter_config.json"), baseModelClass);
        SafeTensors.Save(Path.Combine(folder, "adapter_model.safetensors"), StateDict(), new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>Loads the tensors of <c>adapter_model.safetensors</c> into the updates; every name must match, every shape agree.</summary>
    /// <exception cref="ModelFormatException">A tensor is missing, extra or of another shape, by name.</exception>
    internal void LoadWeights(string path)
    {
        Dictionary<string, Tensor> loaded = SafeTensors.LoadFinite(path);
        try
        {
            Dictionary<string, Tensor> expected = StateDict();
            string? extra = loaded.Keys.FirstOrDefault(k => !expected.ContainsKey(k));
            string? missing = expected.Keys.FirstOrDefault(k => !loaded.ContainsKey(k));
            if (extra is not null || missing is not null)
            {
                throw new ModelFormatException(path, extra is not null
                    ? $"holds '{extra}', which the adapter's target_modules do not produce on this model."
                    : $"lacks '{missing}', which the adapter's target_modules produce on this model.");
            }

            using (no_grad())
            {
                foreach ((string name, Tensor target) in expected)
                {
                    Tensor source = loaded[name];
                    if (!source.shape.SequenceEqual(target.shape))
                    {
                        throw new ModelFormatException(path, $"'{name}' has shape [{string.Join(", ", source.shape)}]; the model's is [{string.Join(", ", target.shape)}].");
                    }

                    target.copy_(source);
                }
            }
        }
        finally
        {
            foreach (Tensor tensor in loaded.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
