using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.CrossEncoders;
using LossGen.CrossEncoders.Export;
using LossGen.OnnxRuntime;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.CrossEncoders;

/// <summary>
/// Every golden cross-encoder exported to ONNX and served by <see cref="OnnxReranker"/> under ONNX Runtime: the same
/// logits and scores as the TorchSharp model within 1e-5 (weights float32), and the same ranking.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class CrossEncoderOnnxExportTests
{
    public static TheoryData<string> Cases() => new(RepositoryPaths.GoldenCrossEncoderModelCases());

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_exported_reranker_scores_as_the_model_does(string folder)
    {
        string path = Path.Combine(RepositoryPaths.GoldenCrossEncoderModels, folder);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, "expected.json")));
        (string, string)[] pairs = document.RootElement.GetProperty("pairs").EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!)).ToArray();
        string export = Path.Combine(Path.GetTempPath(), "lossgen-ce-onnx-" + Guid.NewGuid().ToString("N"));
        try
        {
            float[][] logits, scores;
            using (var leaks = new TensorLeakGuard())
            using (CrossEncoder model = CrossEncoder.Load(path))
            {
                CrossEncoderOnnxExporter.Export(model, Path.Combine(export, "model.onnx"));
                logits = model.Predict(pairs, activation: ActivationFunction.Identity);
                scores = model.Predict(pairs);
            }

            using OnnxReranker reranker = OnnxReranker.Load(Path.Combine(export, "model.onnx"));
            AssertClose(folder + " logits", logits, reranker.Predict(pairs, batchSize: 3, logits: true));
            AssertClose(folder + " scores", scores, reranker.Predict(pairs, batchSize: 3));
            if (reranker.Settings.NumLabels == 1)
            {
                string[] documents = pairs.Take(4).Select(p => p.Item2).ToArray();
                var expected = Enumerable.Range(0, 4).OrderByDescending(i => scores[i][0]).ToArray();
                Assert.Equal(expected, reranker.Rank(pairs[0].Item1, documents).Select(r => r.CorpusId));
            }
        }
        finally
        {
            if (Directory.Exists(export))
            {
                Directory.Delete(export, recursive: true);
            }
        }
    }

    private static void AssertClose(string what, float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            for (int j = 0; j < expected[i].Length; j++)
            {
                Assert.True(Math.Abs(expected[i][j] - actual[i][j]) <= 1e-5, $"{what}[{i}][{j}]: ONNX Runtime {actual[i][j]} vs TorchSharp {expected[i][j]}");
            }
        }
    }
}
