using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LossGen;
using LossGen.Evaluation;
using LossGen.Losses;
using LossGen.Models;
using LossGen.Models.Pretrained;
using LossGen.Training;
using static TorchSharp.torch;

// Fine-tunes all-MiniLM-L6-v2 on the STS benchmark's training split with CoSENTLoss (batch 16, lr 2e-5, 10 % warmup,
// one epoch, dropout on) and reports dev and test Spearman before and after, as sentence-transformers' recipe does.
//   dotnet run -c Release --project samples/StsBenchmark -- [--data ../shared/data/stsb] [--seed 42] [--epochs 1]
(LossGen.Samples.DataRun? run, int exitCode) = LossGen.Samples.SampleCommandLine.ParseDataRun("Fine-tunes all-MiniLM-L6-v2 on STS-B train with CoSENTLoss and reports dev and test Spearman before and after.", Path.Combine("..", "shared", "data", "stsb"), args);
if (run is null)
{
    return exitCode;
}

(string data, int seed, int epochs) = (run.Data, run.Seed, run.Epochs);
manual_seed(seed);

using SentenceTransformer model = AllMiniLmL6V2.Load();
using var loss = new CoSENTLoss(model);
EmbeddingSimilarityEvaluator dev = Evaluator("dev"), test = Evaluator("test");
SimilarityEvaluation devBefore = dev.Evaluate(model, 64), testBefore = test.Evaluate(model, 64);
Console.WriteLine($"seed {seed}: before  dev {devBefore.Spearman * 100:F2}  test {testBefore.Spearman * 100:F2}");

ScoredPairExample[] train = Rows("train").Select(r => new ScoredPairExample(r[0], r[1], float.Parse(r[2], CultureInfo.InvariantCulture))).ToArray();
int stepsPerEpoch = (int)Math.Ceiling(train.Length / 16.0);
using var trainer = new SentenceTransformerTrainer(model, [loss], epochs * stepsPerEpoch, new TrainingArguments { LearningRate = 2e-5, WarmupRatio = 0.1, Seed = seed });
var random = new Random(seed);
var batches = Enumerable.Range(0, epochs).SelectMany(_ => train.OrderBy(_ => random.Next()).Chunk(16)).Select(b => CoSENTLoss.Collate(b));
var reports = trainer.Train([(batches, loss)]);

SimilarityEvaluation devAfter = dev.Evaluate(model, 64), testAfter = test.Evaluate(model, 64);
Console.WriteLine($"seed {seed}: after   dev {devAfter.Spearman * 100:F2}  test {testAfter.Spearman * 100:F2}  ({reports.Count} steps, last loss {reports[^1].Loss:F3})");
return 0;

string[][] Rows(string split) => File.ReadLines(Path.Combine(data, split + ".tsv")).Skip(1).Select(l => l.Split('\t')).ToArray();

EmbeddingSimilarityEvaluator Evaluator(string split)
{
    string[][] rows = Rows(split);
    return new EmbeddingSimilarityEvaluator(rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray(), rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray(), "sts-" + split);
}
