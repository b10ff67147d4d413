using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Serialization;

/// <summary>
/// Reads a transformer's weights as transformers does: <c>model.safetensors</c>, or the shards
/// <c>model.safetensors.index.json</c> lists; any float dtype upcast to float32; integer buffers such as
/// <c>embeddings.position_ids</c> recognised and skipped; a task model's prefix (<c>bert.</c>) removed. Every parameter
/// must be present with its shape; tensors no parameter takes (the pooler) are returned to be kept.
/// </summary>
internal static class TransformerWeights
{
    /// <summary>Loads the weights in <paramref name="folder"/> into <paramref name="encoder"/>; returns the tensors it does not use.</summary>
    public static Dictionary<string, Tensor> Load(EncoderModel encoder, string folder)
    {
        Dictionary<string, Tensor> state = ReadState(folder, out string source);
        try
        {
            return Assign(encoder, state, source, encoder.BaseModelPrefix);
        }
        catch
        {
            Dispose(state.Values);
            throw;
        }
    }

    /// <summary>Copies <paramref name="state"/> into <paramref name="module"/>'s parameters; returns, and keeps alive, the float tensors left over.</summary>
    public static Dictionary<string, Tensor> Assign(nn.Module module, Dictionary<string, Tensor> state, string source, string? prefix = null)
    {
        var parameters = module.named_parameters().ToArray();
        bool prefixed = prefix is not null && parameters.Length > 0 && !state.ContainsKey(parameters[0].name) && state.ContainsKey($"{prefix}.{parameters[0].name}");
        string Key(string name) => prefixed ? $"{prefix}.{name}" : name;
        using (no_grad())
        {
            foreach ((string name, Parameter parameter) in parameters)
            {
                if (!state.TryGetValue(Key(name), out Tensor? value))
                {
                    throw new ModelFormatException(source, $"has no tensor {Key(name)}, which the model needs.");
                }

                if (value.dtype != ScalarType.Float32 || !value.shape.SequenceEqual(parameter.shape))
                {
                    throw new ModelFormatException(source, $"tensor {Key(name)} is {value.dtype} [{string.Join(", ", value.shape)}] but the configuration implies float [{string.Join(", ", parameter.shape)}].");
                }

                parameter.copy_(value);
            }
        }

        var used = new HashSet<string>(parameters.Select(p => Key(p.name)), StringComparer.Ordinal);
        var unused = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, Tensor tensor) in state)
        {
            if (used.Contains(name))
            {
                tensor.Dispose();
            }
            else if (tensor.dtype == ScalarType.Float32)
            {
                unused[prefixed && name.StartsWith(prefix + ".", StringComparison.Ordinal) ? name[(prefix!.Length + 1)..] : name] = tensor;
            }
            else if (name.EndsWith("position_ids", StringComparison.Ordinal) || name.EndsWith("token_type_ids", StringComparison.Ordinal))
            {
                // Buffers transformers < 4.31 saved; it recomputes them, and so does LossGen.
                tensor.Dispose();
            }
            else
            {
                Dispose(unused.Values);
                throw new ModelFormatException(source, $"tensor {name} is {tensor.dtype}; no integer tensor other than position_ids and token_type_ids buffers belongs in a model.");
            }
        }

        return unused;
    }

    /// <summary>The elements the weights in <paramref name="folder"/> hold, read from the safetensors headers alone; <c>null</c> when it has none.</summary>
    public static double? CountElements(string folder)
    {
        IEnumerable<string> files = File.Exists(Path.Combine(folder, "model.safetensors"))
            ? [Path.Combine(folder, "model.safetensors")]
            : File.Exists(Path.Combine(folder, "model.safetensors.index.json"))
                ? ShardMap(folder, Path.Combine(folder, "model.safetensors.index.json")).Values.Distinct(StringComparer.Ordinal).Select(shard => ModelPaths.Resolve(folder, shard, Path.Combine(folder, "model.safetensors.index.json"), "weight_map file"))
                : [];
        return !files.Any() ? null : files.Sum(file => SafeTensors.ReadShapes(file).Values.Sum(shape => shape.Aggregate(1.0, (a, b) => a * b)));
    }

    private static Dictionary<string, Tensor> ReadState(string folder, out string source)
    {
        string single = Path.Combine(folder, "model.safetensors");
        string index = Path.Combine(folder, "model.safetensors.index.json");
        if (File.Exists(single))
        {
            source = single;
            return SafeTensors.LoadFinite(single);
        }

        if (File.Exists(index))
        {
            source = index;
            return ReadShards(folder, index);
        }

        string pickled = Path.Combine(folder, "pytorch_model.bin");
        throw new ModelFormatException(folder, File.Exists(pickled)
            ? "has only pytorch_model.bin, a pickled checkpoint; LossGen never loads pickled checkpoints. Re-save the model with safetensors (save_pretrained(..., safe_serialization=True))."
            : "has no model.safetensors or model.safetensors.index.json.");
    }

    private static Dictionary<string, Tensor> ReadShards(string folder, string index)
    {
        Dictionary<string, string> expected = ShardMap(folder, index);

        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (string shard in expected.Values.Distinct(StringComparer.Ordinal))
            {
                string path = ModelPaths.Resolve(folder, shard, index, "weight_map file");
                foreach ((string name, Tensor tensor) in SafeTensors.LoadFinite(path))
                {
                    if (!expected.TryGetValue(name, out string? listed) || listed != shard || !state.TryAdd(name, tensor))
                    {
                        tensor.Dispose();
                        throw new ModelFormatException(path, $"holds tensor {name}, which {Path.GetFileName(index)} does not map to this shard.");
                    }
                }
            }

            string? absent = expected.Keys.FirstOrDefault(name => !state.ContainsKey(name));
            if (absent is not null)
            {
                throw new ModelFormatException(index, $"maps tensor {absent} to {expected[absent]}, which does not hold it.");
            }
        }
        catch
        {
            Dispose(state.Values);
            throw;
        }

        return state;
    }

    private static Dictionary<string, string> ShardMap(string folder, string index)
    {
        var json = JsonFiles.ReadObject(index);
        if (json["weight_map"] is not System.Text.Json.Nodes.JsonObject map)
        {
            throw new ModelFormatException(index, "has no weight_map object.");
        }

        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string tensor, _) in map)
        {
            expected[tensor] = JsonFiles.String(map, tensor, index) ?? throw new ModelFormatException(index, $"weight_map[\"{tensor}\"] is not a file name.");
        }

        return expected;
    }

    private static void Dispose(IEnumerable<Tensor> tensors)
    {
        foreach (Tensor tensor in tensors)
        {
            tensor.Dispose();
        }
    }
}
