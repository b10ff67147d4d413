using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LossGen;
using LossGen.Evaluation;
using LossGen.Samples;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.SentenceTransformers.Serialization;
using LossGen.SentenceTransformers.Training;
using LossGen.Serialization;
using LossGen.Training;

// Fine-tunes all-MiniLM-L6-v2 on the STS benchmark's training split with CoSENTLoss (batch 16, lr 2e-5, 10 % warmup,
// one epoch, dropout on) and reports dev and test Spearman before and after, as sentence-transformers' recipe does.
// The trainer forms the batches as sentence-transformers' does (torch.randperm seeded with the seed) and seeds dropout
// with it, so a seed gives the same figures every run.
//   dotnet run -c Release --project samples/StsBenchmark -- [--data ../shared/data/stsb] [--seed 42] [--epochs 1] [--max-steps N] [--output DIR] [--bf16]
(DataRun? run, int exitCode) = SampleCommandLine.ParseDataRun("Fine-tunes all-MiniLM-L6-v2 on STS-B train with CoSENTLoss and reports dev and test Spearman before and after.", Path.Combine("..", "shared", "data", "stsb"), args);
if (run is null)
{
    return exitCode;
}

using SentenceTransformer model = AllMiniLmL6V2.Load();
using var loss = new CoSENTLoss(model);
EmbeddingSimilarityEvaluator dev = Evaluator("dev"), test = Evaluator("test");
SimilarityEvaluation devBefore = dev.Evaluate(model, 64), testBefore = test.Evaluate(model, 64);
Console.WriteLine($"seed {run.Seed}: before  dev {devBefore.Spearman * 100:F2}  test {testBefore.Spearman * 100:F2}");

SentenceDataset train = SentenceDatasets.Read(Path.Combine(run.Data, "train.tsv"));
var arguments = new TrainingArguments { NumTrainEpochs = run.Epochs, MaxSteps = run.MaxSteps, BatchSize = 16, LearningRate = 2e-5, WarmupRatio = 0.1, Seed = run.Seed, LoggingSteps = 40, EvalSteps = 90, Bf16 = run.Bf16,
    DropoutSampler = run.ParallelDropout ? LossGen.Backbones.DropoutSampler.Parallel : LossGen.Backbones.DropoutSampler.Libtorch };
using var trainer = new SentenceTransformerTrainer(model, train, loss, arguments, dev);
TrainingProgress progress = TrainingProgress.Run(trainer, $"CoSENTLoss, seed {run.Seed}");

SimilarityEvaluation devAfter = dev.Evaluate(model, 64), testAfter = test.Evaluate(model, 64);
Console.WriteLine($"seed {run.Seed}{(run.Bf16 ? " bf16" : string.Empty)}{(run.ParallelDropout ? " parallel-dropout" : string.Empty)}: after   dev {devAfter.Spearman * 100:F2}  test {testAfter.Spearman * 100:F2}  ({progress.Steps.Count} steps, last loss {progress.Steps[^1].Loss:F3})");
if (run.Output is { } output)
{
    Directory.CreateDirectory(output);
    ModelFolder.Save(model, Path.Combine(output, "model"));
    TrainingCurves.SaveLoss(Path.Combine(output, "loss-curve.png"), progress.Steps, $"CoSENTLoss on STS-B train, seed {run.Seed}");
    TrainingCurves.SaveMetric(Path.Combine(output, "dev-curve.png"), progress.Evaluations, dev.PrimaryMetric, $"STS-B dev while training, seed {run.Seed}");
    progress.SaveCsv(Path.Combine(output, "loss-curve.csv"));
}

return 0;

EmbeddingSimilarityEvaluator Evaluator(string split)
{
    string[][] rows = File.ReadLines(Path.Combine(run.Data, split + ".tsv")).Skip(1).Select(l => l.Split('\t')).ToArray();
    return new EmbeddingSimilarityEvaluator(rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray(), rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray(), "sts-" + split);
}
