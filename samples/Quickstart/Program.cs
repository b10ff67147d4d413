using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LossGen;
using LossGen.Evaluation;
using LossGen.Losses;
using LossGen.Models;
using LossGen.Models.Pretrained;
using LossGen.Reporting;
using LossGen.Serialization;
using LossGen.Training;
using Quickstart;
using static TorchSharp.torch;

// Fine-tunes all-MiniLM-L6-v2 on question/passage pairs with a LossGen loss, and reports retrieval quality on held-out
// questions before and after. Run with no argument for the built-in dataset.
var options = Options.Parse(args);
manual_seed(options.Seed);
Device device = options.Device == "cuda" ? CUDA : CPU;

(List<PairExample> train, List<PairExample> test) = options.DataFile is null
    ? BuiltInDataset.Load()
    : BuiltInDataset.Split(BuiltInDataset.FromFile(options.DataFile), options.Seed);
// Resuming starts from the checkpoint's model; otherwise from --model or the pretrained all-MiniLM-L6-v2.
using SentenceTransformer model = options.Resume is not null ? TrainingCheckpoint.LoadModel(options.Resume, device)
    : options.ModelFolder is null ? AllMiniLmL6V2.Load(device)
    : ModelFolder.Load(options.ModelFolder, device);
using SentenceLoss loss = CreateLoss(options.Loss, model);
Console.WriteLine($"LossGen quickstart: fine-tuning {(options.ModelFolder ?? "all-MiniLM-L6-v2")} with {options.Loss} on {train.Count} pairs ({test.Count} held out), {options.Epochs} epoch(s), {device.type}.");

var evaluator = new InformationRetrievalEvaluator(
    test.Select((p, i) => (Key: $"q{i}", p.Anchor)).ToDictionary(p => p.Key, p => p.Anchor),
    test.Select((p, i) => (Key: $"d{i}", p.Positive)).ToDictionary(p => p.Key, p => p.Positive),
    test.Select((_, i) => i).ToDictionary(i => $"q{i}", i => (IReadOnlySet<string>)new HashSet<string> { $"d{i}" }),
    "held-out");
RetrievalEvaluation before = evaluator.Evaluate(model);
Console.WriteLine($"before: MRR@10 {before.MrrAt10:F4}  NDCG@10 {before.NdcgAt10:F4}  Recall@1 {before.RecallAt1:F4}");

int stepsPerEpoch = (int)Math.Ceiling(train.Count / (double)options.BatchSize);
using var trainer = new SentenceTransformerTrainer(model, [loss], options.Epochs * stepsPerEpoch, new TrainingArguments { LearningRate = options.LearningRate, Seed = options.Seed });
if (options.Resume is not null)
{
    TrainingCheckpoint.Restore(trainer, options.Resume);
    Console.WriteLine($"resumed from {options.Resume} after step {trainer.CompletedSteps}");
}

var sampler = new NoDuplicatesBatchSampler<PairExample>(train, options.BatchSize, seed: options.Seed);
IEnumerable<TextBatch> Batches() => Enumerable.Range(0, options.Epochs).SelectMany(_ => sampler).Where(b => b.Count > 1).Select(b => loss.CollateBatch(b));
var progress = new ProgressReporter(trainer.TotalSteps, options.BatchSize);
IReadOnlyList<StepReport> reports = trainer.Train([(Batches(), loss)], progress.Report, options.Checkpoint ?? options.Resume, options.CheckpointEvery);
progress.Finish();

RetrievalEvaluation after = evaluator.Evaluate(model);
Console.WriteLine($"after:  MRR@10 {after.MrrAt10:F4}  NDCG@10 {after.NdcgAt10:F4}  Recall@1 {after.RecallAt1:F4}");

string modelFolder = Path.Combine(options.Output, "model");
Directory.CreateDirectory(options.Output);
ModelFolder.Save(model, modelFolder);
double[] losses = reports.Select(r => r.Loss).ToArray();
LossCurvePlot.Save(Path.Combine(options.Output, "loss-curve.png"), losses);
File.WriteAllLines(Path.Combine(options.Output, "loss-curve.csv"), ["step,loss,grad_norm,learning_rate", .. reports.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Step + 1},{r.Loss:R},{r.GradNormBeforeClip:R},{r.LearningRate:R}"))]);
Console.WriteLine($"saved the model folder to {Path.GetFullPath(modelFolder)} and the loss curve to {Path.GetFullPath(Path.Combine(options.Output, "loss-curve.png"))}");
return 0;

static SentenceLoss CreateLoss(string name, ISentenceEncoder model)
{
    Type? type = typeof(MultipleNegativesRankingLoss).Assembly.GetType("LossGen.Losses." + name);
    var descriptor = type?.GetProperty("Metadata")?.GetValue(null) as LossDescriptor;
    if (type is null || descriptor is null || descriptor.Input is not (InputKind.Pair or InputKind.AnchorPositiveNegatives) || descriptor.Traits.HasFlag(LossTraits.Guided))
    {
        throw new ArgumentException($"--loss {name}: choose a loss that trains on (anchor, positive) pairs, such as MultipleNegativesRankingLoss, MultipleNegativesSymmetricRankingLoss, CachedMultipleNegativesRankingLoss or MegaBatchMarginLoss.");
    }

    var constructor = type.GetConstructors().Single();
    object?[] arguments = constructor.GetParameters().Select(p => p.Name == "model" ? model : p.DefaultValue).ToArray();
    return (SentenceLoss)constructor.Invoke(arguments);
}

internal sealed record Options(string Loss, string? DataFile, string? ModelFolder, int Epochs, string Output, int BatchSize, double LearningRate, int Seed, string Device, string? Checkpoint = null, int CheckpointEvery = 5, string? Resume = null)
{
    public static Options Parse(string[] args)
    {
        var options = new Options("MultipleNegativesRankingLoss", null, null, 1, "output", 16, 5e-5, 42, "cpu");
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--loss" => options with { Loss = Value() },
                "--data" => options with { DataFile = Value() },
                "--model" => options with { ModelFolder = Value() },
                "--epochs" => options with { Epochs = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--output" => options with { Output = Value() },
                "--batch-size" => options with { BatchSize = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--lr" => options with { LearningRate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--device" => options with { Device = Value() },
                "--checkpoint" => options with { Checkpoint = Value() },
                "--checkpoint-every" => options with { CheckpointEvery = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--resume" => options with { Resume = Value() },
                _ => throw new ArgumentException($"Unknown argument {args[i]}. Options: --loss NAME --data FILE.tsv --model DIR --epochs N --output DIR --batch-size N --lr X --seed N --device cpu|cuda --checkpoint DIR --checkpoint-every N --resume DIR"),
            };
        }

        return options;
    }
}
