using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.SentenceTransformers.Training;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>
/// A seeded run is sentence-transformers' run: one epoch of STS-B with CoSENTLoss, dropout on, seed 0, against every
/// step that the reference's own SentenceTransformerTrainer (transformers' Trainer + accelerate) recorded, and its
/// final figures. It holds only if the trainer's defaults are the reference trainer's and the global generator is
/// drawn from where the reference draws (dropout masks come from that stream).
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class ReferenceTrainerRunTests
{
    private static readonly string RunPath = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "golden", "training", "real-trainer-stsb-seed0.json"));

    [Fact]
    public void Seed_0_follows_the_reference_trainer_step_by_step_and_ends_at_its_figures()
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(RunPath));
        JsonElement steps = reference.RootElement.GetProperty("steps");
        double[] losses = Numbers(steps.GetProperty("loss_exact"));
        double[] rates = Numbers(steps.GetProperty("learning_rate"));
        double[] norms = Numbers(steps.GetProperty("grad_norm"));

        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = AllMiniLmL6V2.Load();
        using var loss = new CoSENTLoss(model);
        SentenceDataset train = SentenceDatasets.Read(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "stsb", "train.tsv"));

        // The reference's arguments: batch 16, lr 2e-5, warmup_ratio 0.1, seed 0, one epoch; every other one its default.
        var arguments = new TrainingArguments { BatchSize = 16, LearningRate = 2e-5, WarmupRatio = 0.1, Seed = 0, NumTrainEpochs = 1 };
        using var trainer = new SentenceTransformerTrainer(model, train, loss, arguments);
        IReadOnlyList<StepReport> reports = trainer.Train();

        Assert.Equal(losses.Length, reports.Count);
        var differences = new List<string>();
        for (int step = 0; step < reports.Count; step++)
        {
            Check(differences, $"step {step + 1} loss", losses[step], reports[step].Loss, 2e-3);
            Check(differences, $"step {step + 1} grad norm", norms[step], reports[step].GradNormBeforeClip, 2e-3);
            Check(differences, $"step {step + 1} learning rate", rates[step], reports[step].LearningRate, 1e-9);
        }

        Assert.True(differences.Count == 0, string.Join('\n', differences.Take(20)));

        JsonElement after = reference.RootElement.GetProperty("after_x100");
        Assert.Equal(after.GetProperty("dev").GetDouble(), Spearman(model, "dev") * 100, 0.01);
        Assert.Equal(after.GetProperty("test").GetDouble(), Spearman(model, "test") * 100, 0.01);
    }

    private static double Spearman(SentenceTransformer model, string split)
    {
        var (first, second, scores) = StsBenchmark.Read(split);
        return new EmbeddingSimilarityEvaluator(first, second, scores, "sts-" + split).Evaluate(model, 64).Spearman;
    }

    private static void Check(List<string> differences, string what, double expected, double actual, double relative)
    {
        if (System.Math.Abs(expected - actual) > relative * System.Math.Max(System.Math.Abs(expected), 1e-6))
        {
            differences.Add($"{what}: reference {expected:R}, LossGen {actual:R}");
        }
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
