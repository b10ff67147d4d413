using Microsoft.Extensions.AI;
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LossGen.Backbones;
using LossGen.Export;
using LossGen.OnnxRuntime;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Export;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Support;
using Xunit;
using LossGen.Tokenizers;

namespace LossGen.Tests.Export;

/// <summary>The ONNX Runtime encoder over an exported model: the TorchSharp model's embeddings, prompts included, and no TorchSharp.</summary>
[Collection(SequentialCollection.Name)]
public sealed class OnnxSentenceEncoderTests : IDisposable
{
    private static readonly string[] Sentences = ["A man is playing a guitar.", "", "Café naïve résumé", "東京タワーは赤いです。", "HELLO WORLD"];

    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-onnx-encoder").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("bert-prompts")]
    [InlineData("xlmr-mean")]
    [InlineData("roberta-bpe-mean")]
    [InlineData("mpnet-mean")]
    [InlineData("bert-dense")]
    [InlineData("qwen3-lasttoken-leftpad", true)]
    [InlineData("gemma3-embedding-dense", true)]
    [InlineData("modernbert-mean", true)]
    public async Task It_gives_the_TorchSharp_embeddings_with_every_prompt(string fixture, bool modern = false)
    {
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(modern ? RepositoryPaths.GoldenModernModels : RepositoryPaths.GoldenModels, fixture));
        string path = Path.Combine(_folder, fixture, "model.onnx");
        OnnxExporter.Export(model, path);
        using OnnxSentenceEncoder encoder = OnnxSentenceEncoder.Load(path);

        foreach ((string? name, string? prompt) in new (string?, string?)[] { (null, null), (null, string.Empty) }.Concat(model.Options.Prompts.Keys.Select(k => ((string?)k, (string?)null))))
        {
            float[][] onnx = encoder.Embed(Sentences, batchSize: 2, promptName: name, prompt: prompt);
            using TorchSharp.torch.Tensor ours = model.Embed(Sentences, promptName: name, prompt: prompt);
            for (int i = 0; i < Sentences.Length; i++)
            {
                double difference = ours[i].data<float>().ToArray().Zip(onnx[i], (a, b) => Math.Abs(a - b)).Max();
                Assert.True(difference <= 1e-5, $"{fixture}, sentence {i}, prompt {name ?? prompt ?? "default"}: {difference:G3}");
            }
        }

        GeneratedEmbeddings<Embedding<float>> generated = await encoder.GenerateAsync(Sentences);
        Assert.Equal(Sentences.Length, generated.Count);
        Assert.Equal(model.EmbeddingDimension, generated[0].Vector.Length);
        Assert.Equal(model.EmbeddingDimension, encoder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }

    [Fact]
    public void Neither_the_encoder_nor_its_tokenizers_reference_TorchSharp()
    {
        foreach (var assembly in new[] { typeof(OnnxSentenceEncoder).Assembly, typeof(TextTokenizer).Assembly })
        {
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("TorchSharp", StringComparison.Ordinal) || a.Name == "LossGen.Runtime");
        }
    }

    [Fact]
    public void An_export_without_its_settings_is_refused_naming_the_file()
    {
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(RepositoryPaths.GoldenModels, "bert-max"));
        string path = Path.Combine(_folder, "bert-max", "model.onnx");
        OnnxExporter.Export(model, path);
        File.Delete(TokenizationSettings.PathFor(path));

        var error = Assert.Throws<ModelFormatException>(() => OnnxSentenceEncoder.Load(path));
        Assert.Contains("model.tokenization.json", error.Message, StringComparison.Ordinal);
    }
}
