using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.SentenceTransformers.Training;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Training;

/// <summary>
/// Replays the reference's 30 deterministic fine-tuning steps of all-MiniLM-L6-v2 (../shared/golden/training) with
/// LossGen's encoder, losses, AdamW, schedule and clipping, and compares every step and the model afterwards.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class TrainingTraceTests
{
    private static readonly string TracePath = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "golden", "training", "trace-30-steps.json"));

    [Theory]
    [InlineData("CoSENTLoss")]
    [InlineData("MultipleNegativesRankingLoss")]
    [InlineData("BatchHardTripletLoss")]
    public void Thirty_steps_match_the_reference(string lossName)
    {
        using JsonDocument trace = JsonDocument.Parse(File.ReadAllText(TracePath));
        JsonElement run = trace.RootElement.GetProperty(lossName);
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = AllMiniLmL6V2.Load();
        using SentenceLoss loss = lossName switch
        {
            "CoSENTLoss" => new CoSENTLoss(model),
            "MultipleNegativesRankingLoss" => new MultipleNegativesRankingLoss(model),
            _ => new BatchHardTripletLoss(model),
        };
        IReadOnlyList<TextBatch> batches = Batches(lossName);

        // The reference ran with dropout off (eval mode) so that the run is deterministic.
        model.SetTraining(false);
        // The trace's optimizer: the old fit()'s weight decay and warmup, not the trainer's defaults.
        using var trainer = new SentenceTransformerTrainer(model, [loss], totalSteps: 30, new TrainingArguments { WeightDecay = 0.01, WarmupRatio = 0.1 });
        StepReport[] reports = batches.Select(batch => trainer.Step(loss, batch)).ToArray();

        double[] expectedLoss = Numbers(run.GetProperty("loss"));
        double[] expectedNorm = Numbers(run.GetProperty("grad_norm_before_clip"));
        double[] expectedRate = Numbers(run.GetProperty("lr"));
        for (int step = 0; step < 30; step++)
        {
            AssertClose($"{lossName} step {step} loss", expectedLoss[step], reports[step].Loss, 2e-3, 2e-5);
            AssertClose($"{lossName} step {step} grad norm", expectedNorm[step], reports[step].GradNormBeforeClip, 2e-3, 2e-5);
            AssertClose($"{lossName} step {step} lr", expectedRate[step], reports[step].LearningRate, 1e-9, 1e-15);
        }

        foreach (JsonProperty sentence in run.GetProperty("embeddings_after_first8").EnumerateObject())
        {
            float[] embedding = model.Embed([sentence.Name]).data<float>().Take(8).ToArray();
            double[] expected = Numbers(sentence.Value);
            for (int k = 0; k < 8; k++)
            {
                AssertClose($"{lossName} embedding of '{sentence.Name}'[{k}]", expected[k], embedding[k], 0, 2e-4);
            }
        }
    }

    private static IReadOnlyList<TextBatch> Batches(string lossName)
    {
        switch (lossName)
        {
            case "CoSENTLoss":
            {
                var (first, second, scores) = StsBenchmark.Read("train");
                return Enumerable.Range(0, 30).Select(s => CoSENTLoss.Collate(Enumerable.Range(16 * s, 16).Select(i => new ScoredPairExample(first[i], second[i], (float)scores[i])).ToArray())).ToArray();
            }

            case "MultipleNegativesRankingLoss":
            {
                var (first, second, scores) = StsBenchmark.Read("train");
                PairExample[] pairs = Enumerable.Range(0, first.Length).Where(i => scores[i] >= 4).Select(i => new PairExample(first[i], second[i])).ToArray();
                return Enumerable.Range(0, 30).Select(s => MultipleNegativesRankingLoss.Collate(pairs.Skip(32 * s).Take(32).ToArray())).ToArray();
            }

            default:
            {
                string[][] rows = File.ReadLines(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "trec", "train.tsv")).Skip(1).Select(l => l.Split('\t')).ToArray();
                string[] entity = rows.Where(r => r[0] == "ENTY").Select(r => r[2]).ToArray();
                string[] human = rows.Where(r => r[0] == "HUM").Select(r => r[2]).ToArray();
                return Enumerable.Range(0, 30).Select(s => BatchHardTripletLoss.Collate(
                    entity.Skip(16 * s).Take(16).Select(t => new LabeledTextExample(t, 0))
                        .Concat(human.Skip(16 * s).Take(16).Select(t => new LabeledTextExample(t, 1))).ToArray())).ToArray();
            }
        }
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static void AssertClose(string what, double expected, double actual, double relative, double absolute) =>
        Assert.True(Math.Abs(actual - expected) <= absolute + (relative * Math.Abs(expected)), $"{what}: {actual.ToString("R", CultureInfo.InvariantCulture)}, the reference {expected.ToString("R", CultureInfo.InvariantCulture)}");
}
