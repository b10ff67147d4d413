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
using LossGen.SentenceTransformers.Training;
using LossGen.Training;
using static TorchSharp.torch;

// Fine-tunes all-MiniLM-L6-v2 on TREC question classification (6 coarse labels) with BatchHardTripletLoss and the
// label-grouping sampler, and reports triplet accuracy on test-set triplets before and after.
//   dotnet run -c Release --project samples/Trec -- [--data ../shared/data/trec] [--seed 42] [--epochs 1]
(DataRun? run, int exitCode) = SampleCommandLine.ParseDataRun("Fine-tunes all-MiniLM-L6-v2 on TREC with BatchHardTripletLoss and reports triplet accuracy before and after.", Path.Combine("..", "shared", "data", "trec"), args);
if (run is null)
{
    return exitCode;
}

(string data, int seed, int epochs) = (run.Data, run.Seed, run.Epochs);

string[] labels = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"];
LabeledTextExample[] Read(string split) => File.ReadLines(Path.Combine(data, split + ".tsv")).Skip(1)
    .Select(l => l.Split('\t')).Select(r => new LabeledTextExample(r[2], Array.IndexOf(labels, r[0]))).ToArray();
LabeledTextExample[] train = Read("train"), test = Read("test");

// Test triplets: each test question, the next test question of its label, and the next one of another label.
var random = new Random(seed);
var anchors = new System.Collections.Generic.List<string>();
var positives = new System.Collections.Generic.List<string>();
var negatives = new System.Collections.Generic.List<string>();
for (int i = 0; i < test.Length; i++)
{
    LabeledTextExample[] same = test.Where((e, j) => j != i && e.Label == test[i].Label).ToArray();
    LabeledTextExample[] other = test.Where(e => e.Label != test[i].Label).ToArray();
    if (same.Length > 0)
    {
        anchors.Add(test[i].Text);
        positives.Add(same[random.Next(same.Length)].Text);
        negatives.Add(other[random.Next(other.Length)].Text);
    }
}

var evaluator = new TripletEvaluator(anchors, positives, negatives, "trec-test");
using SentenceTransformer model = AllMiniLmL6V2.Load();
using var loss = new BatchHardTripletLoss(model);
Console.WriteLine($"seed {seed}: before  triplet accuracy {evaluator.Evaluate(model, 64) * 100:F2} ({anchors.Count} test triplets)");

// Six large classes: sentence-transformers' group-by-label sampler would lay whole labels one after another, giving
// batches of a single label where there is nothing to mine; take 4 examples of each label in turn instead (P×K), so
// every batch of 32 mixes labels. The trainer still seeds dropout with the seed.
var sampler = new GroupByLabelBatchSampler<LabeledTextExample>(train, batchSize: 32, seed: seed, examplesPerLabel: 4);
int steps = Math.Min(epochs * sampler.Count(), run.MaxSteps ?? int.MaxValue);
using var trainer = new SentenceTransformerTrainer(model, [loss], steps, new TrainingArguments { LearningRate = 2e-5, Seed = seed, LoggingSteps = 20 });
manual_seed(seed);
TrainingProgress progress = TrainingProgress.Run(trainer, $"BatchHardTripletLoss, seed {seed}", () => trainer.Train([(Enumerable.Range(0, epochs).SelectMany(_ => sampler).Select(b => BatchHardTripletLoss.Collate(b)), loss)]));
Console.WriteLine($"seed {seed}: after   triplet accuracy {evaluator.Evaluate(model, 64) * 100:F2}  ({progress.Steps.Count} steps, last loss {progress.Steps[^1].Loss:F3})");
return 0;

