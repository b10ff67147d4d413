using System;
using System.Linq;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Models;

/// <summary>Snowflake arctic-embed-xs from its NuGet package: ONNX Runtime parity on the same file, the query prompt, and STS-B.</summary>
[Collection(SequentialCollection.Name)]
public sealed class ArcticEmbedXsTests
{
    private static readonly string[] Sentences =
    [
        "what is snowflake?",
        "Where can I get the best tacos?",
        "",
        "Café déjà vu — 東京",
        "The Data Cloud! Snowflake's platform runs on AWS, Azure and GCP...",
        string.Join(' ', Enumerable.Repeat("The quick brown fox jumps over the lazy dog while the band plays on.", 60)),
    ];

    [Fact]
    public void Embeddings_and_query_embeddings_agree_with_ONNX_Runtime_on_the_same_model_file()
    {
        using SentenceTransformer model = ArcticEmbedXs.Load();
        (byte[] onnx, _) = ArcticEmbedXs.ReadResources(ArcticEmbedXs.DefaultAssemblyPath);
        using var leaks = new TensorLeakGuard();
        Assert.Equal(PoolingMode.Cls, model.PoolingMode);
        Assert.True(model.Normalize);
        Assert.Equal(512, model.MaxSeqLength);

        foreach (string? prompt in new[] { null, ArcticEmbedXs.QueryPrompt })
        {
            Tensor ours = prompt is null ? model.Embed(Sentences) : model.Embed(Sentences, promptName: "query");
            float[][] reference = OnnxReference.Embed(onnx, Sentences.Select(s => model.Tokenize(s, prompt)).ToArray(), clsPooling: true);
            for (int row = 0; row < Sentences.Length; row++)
            {
                double difference = ours[row].data<float>().ToArray().Zip(reference[row], (a, b) => Math.Abs(a - b)).Max();
                Assert.True(difference <= 1e-5, $"sentence {row} (prompt {prompt ?? "none"}): max abs difference {difference:G3}");
            }
        }

        Assert.Equal(512, model.Tokenize(Sentences[^1]).Length);
        Assert.Equal(model.Tokenize("Represent this sentence for searching relevant passages: what is snowflake?"), model.Tokenize("what is snowflake?", ArcticEmbedXs.QueryPrompt));
    }

    [Fact]
    public void Zero_shot_STS_benchmark_test_Spearman_is_the_figure_in_the_README()
    {
        using SentenceTransformer model = ArcticEmbedXs.Load();
        using var leaks = new TensorLeakGuard();
        var (first, second, scores) = StsBenchmark.Read("test");
        SimilarityEvaluation result = new EmbeddingSimilarityEvaluator(first, second, scores, "sts-test").Evaluate(model, batchSize: 64);
        Assert.InRange(result.Spearman * 100, ArcticStsTestSpearman - 0.05, ArcticStsTestSpearman + 0.05);
    }

    // Measured by this test and quoted in the README's model section.
    private const double ArcticStsTestSpearman = 69.97;
}
