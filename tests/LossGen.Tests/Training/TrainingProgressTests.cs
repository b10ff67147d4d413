using System;
using System.IO;
using System.Linq;
using LossGen.Samples;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Training;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>The samples' progress callback, step log and ScottPlot curves.</summary>
[Collection(SequentialCollection.Name)]
public sealed class TrainingProgressTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-progress-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_progress_sees_every_step_and_evaluation_and_the_curves_are_png_figures()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 2);
        using var loss = new CoSENTLoss(model);
        SentenceDataset dataset = SentenceDataset.FromColumns(
            ("sentence1", TinyBert.Sentences(8).Cast<object?>().ToArray()),
            ("sentence2", TinyBert.Sentences(8, 3).Cast<object?>().ToArray()),
            ("score", Enumerable.Range(0, 8).Select(i => (object?)(i / 8.0)).ToArray()));
        var evaluator = new LossGen.SentenceTransformers.Evaluation.EmbeddingSimilarityEvaluator(TinyBert.Sentences(6, 20), TinyBert.Sentences(6, 23), [0.9, 0.1, 0.5, 0.7, 0.2, 0.8], "sts-dev");
        using var trainer = new SentenceTransformerTrainer(model, dataset, loss, new TrainingArguments { BatchSize = 2, EvalSteps = 2 }, evaluator);

        TrainingProgress progress = TrainingProgress.Run(trainer, "test");

        Assert.Equal([0, 1, 2, 3], progress.Steps.Select(s => s.Step));
        Assert.Equal([2, 4], progress.Evaluations.Select(e => e.Step));
        string csv = Path.Combine(_folder, "log.csv");
        progress.SaveCsv(csv);
        Assert.Equal(5, File.ReadAllLines(csv).Length);

        string lossCurve = Path.Combine(_folder, "loss.png"), metricCurve = Path.Combine(_folder, "metric.png");
        TrainingCurves.SaveLoss(lossCurve, progress.Steps, "loss");
        TrainingCurves.SaveMetric(metricCurve, progress.Evaluations, "sts-dev_spearman_cosine", "dev");
        foreach (string png in new[] { lossCurve, metricCurve })
        {
            byte[] bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8).ToArray());
            Assert.Equal(800, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        }
    }

    [Fact]
    public void The_sts_benchmark_sample_prints_the_same_figures_on_every_run_with_a_seed()
    {
        string Figures()
        {
            (int exit, string output) = SampleProcesses.Run("StsBenchmark", $"--data \"{Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "stsb")}\" --seed 3 --max-steps 3", TimeSpan.FromMinutes(10));
            Assert.True(exit == 0, output);
            return string.Join('\n', output.Split('\n').Where(l => l.StartsWith("seed 3:", StringComparison.Ordinal)));
        }

        string first = Figures();
        Assert.Contains("after", first);
        Assert.Equal(first, Figures());
    }
}
