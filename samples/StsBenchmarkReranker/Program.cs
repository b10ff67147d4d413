using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LossGen;
using LossGen.CrossEncoders;
using LossGen.CrossEncoders.Evaluation;
using LossGen.CrossEncoders.Losses;
using LossGen.Samples;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.Training;

// Trains a reranker on the STS benchmark as sentence-transformers' training_stsbenchmark.py for cross-encoders does:
// all-MiniLM-L6-v2's backbone with a fresh one-label head, BinaryCrossEntropyLoss on score / 5, batch 16, lr 2e-5,
// 10 % warmup, one epoch; reports dev and test Spearman of the predicted scores before and after.
//   dotnet run -c Release --project samples/StsBenchmarkReranker -- [--data ../shared/data/stsb] [--seed 42] [--epochs 1] [--max-steps N] [--output DIR] [--bf16]
(DataRun? run, int exitCode) = SampleCommandLine.ParseDataRun("Trains a cross-encoder (all-MiniLM-L6-v2 backbone, fresh head) on STS-B train with BinaryCrossEntropyLoss and reports dev and test Spearman before and after.", Path.Combine("..", "shared", "data", "stsb"), args);
if (run is null)
{
    return exitCode;
}

using (SentenceTransformer biEncoder = AllMiniLmL6V2.Load())
{
    TorchSharp.torch.manual_seed(run.Seed);
    using CrossEncoder model = CrossEncoder.FromSentenceTransformer(biEncoder);
    using var loss = new BinaryCrossEntropyLoss(model);
    CrossEncoderCorrelationEvaluator dev = Evaluator("dev"), test = Evaluator("test");
    Console.WriteLine($"seed {run.Seed}: before  dev {dev.Compute(model)[dev.PrimaryMetric] * 100:F2}  test {test.Compute(model)[test.PrimaryMetric] * 100:F2}");

    string[][] rows = Rows("train");
    SentenceDataset train = SentenceDataset.FromColumns(
        ("sentence1", rows.Select(r => (object?)r[0]).ToArray()),
        ("sentence2", rows.Select(r => (object?)r[1]).ToArray()),
        ("label", rows.Select(r => (object?)(double.Parse(r[2], CultureInfo.InvariantCulture) / 5)).ToArray()));
    var arguments = new TrainingArguments { NumTrainEpochs = run.Epochs, MaxSteps = run.MaxSteps, BatchSize = 16, LearningRate = 2e-5, WarmupRatio = 0.1, Seed = run.Seed, LoggingSteps = 40, EvalSteps = 90, Bf16 = run.Bf16 };
    using var trainer = new CrossEncoderTrainer(model, train, loss, arguments, dev);
    TrainingProgress progress = TrainingProgress.Run(trainer, $"BinaryCrossEntropyLoss, seed {run.Seed}", () => trainer.Train());

    Console.WriteLine($"seed {run.Seed}{(run.Bf16 ? " bf16" : string.Empty)}: after   dev {dev.Compute(model)[dev.PrimaryMetric] * 100:F2}  test {test.Compute(model)[test.PrimaryMetric] * 100:F2}  ({progress.Steps.Count} steps, last loss {progress.Steps[^1].Loss:F3})");
    if (run.Output is { } output)
    {
        Directory.CreateDirectory(output);
        model.Save(Path.Combine(output, "reranker"));
        TrainingCurves.SaveLoss(Path.Combine(output, "loss-curve.png"), progress.Steps, $"BinaryCrossEntropyLoss on STS-B train, seed {run.Seed}");
        progress.SaveCsv(Path.Combine(output, "loss-curve.csv"));
    }
}

return 0;

string[][] Rows(string split) => File.ReadLines(Path.Combine(run.Data, split + ".tsv")).Skip(1).Select(l => l.Split('\t')).ToArray();

CrossEncoderCorrelationEvaluator Evaluator(string split)
{
    string[][] rows = Rows(split);
    return new CrossEncoderCorrelationEvaluator(rows.Select(r => (r[0], r[1])).ToArray(), rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray(), "sts-" + split);
}
