using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using LossGen;
using LossGen.CrossEncoders;
using BinaryCrossEntropyLoss = LossGen.CrossEncoders.Losses.BinaryCrossEntropyLoss;
using CrossEncoderLoss = LossGen.CrossEncoders.Losses.CrossEncoderLoss;
using LambdaLoss = LossGen.CrossEncoders.Losses.LambdaLoss;
using LossGen.Distributed;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Training;
using static TorchSharp.torch;

// The process mpirun starts for the data-parallel tests (tests/LossGen.Tests/Distributed): one scenario per run,
// each rank printing what the test compares. Without mpirun it is the single-process reference.
//   collectives                                    every collective against its expected values
//   train <model folder> <cosent|mnrl|mnrl-gather|cached-mnrl-gather|mnsrl|mnsrl-gather|matryoshka-mnrl|matryoshka-mnrl-gather|gist|gist-gather|cached-gist-gather> <batch> <accumulation> [learning rate]
//         [--bf16] [--dropout p] [--output <folder> --save-steps n] [--resume <checkpoint>] [--rank-1-data-differs]
//                                                  a few steps; losses, a parameter digest and a sample of parameters
//   rerank <reranker folder> <bce|lambda> <batch> <accumulation>
//                                                  the same for a cross-encoder (pairs with BinaryCrossEntropyLoss, lists with LambdaLoss)
//   die                                            rank 1 kills itself; the others wait in a collective
//   throw <model folder>                           rank 1 throws in its first step
set_num_threads(1);
string scenario = args.Length > 0 ? args[0] : "collectives";
IProcessGroup? group = ProcessGroups.FromEnvironment();
int rank = group?.Rank ?? 0, size = group?.Size ?? 1;
switch (scenario)
{
    case "collectives":
        Collectives(group!);
        Console.WriteLine($"rank {rank} collectives ok");
        return 0;
    case "die":
        group!.Barrier();
        if (rank == 1)
        {
            Console.Out.Flush();
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        group.Barrier();
        Console.WriteLine($"rank {rank} passed a barrier its peer never reached");
        return 0;
    case "train" or "throw":
        return Train(args, scenario == "throw");
    case "rerank":
        return Rerank(args);
    default:
        Console.Error.WriteLine($"unknown scenario {scenario}");
        return 2;
}

void Collectives(IProcessGroup g)
{
    using Tensor values = arange(5, dtype: ScalarType.Float32).add(g.Rank);
    g.AllReduce(values);
    Expect(values, Enumerable.Range(0, 5).Select(i => (float)((i * g.Size) + (g.Size * (g.Size - 1) / 2))).ToArray(), "AllReduce");
    using Tensor gathered = g.AllGather(full(new long[] { 2, 3 }, (float)g.Rank));
    Expect(gathered, Enumerable.Range(0, g.Size).SelectMany(r => Enumerable.Repeat((float)r, 6)).ToArray(), "AllGather");
    using Tensor broadcast = full(new long[] { 4 }, (float)(g.Rank + 10));
    g.Broadcast(broadcast, 1);
    Expect(broadcast, [11f, 11f, 11f, 11f], "Broadcast");
    using Tensor big = ones(new long[] { 3_000_001 }, dtype: ScalarType.Float64);
    g.AllReduce(big);
    Expect(big.sum().to(ScalarType.Float32).reshape(1), [(float)(3_000_001.0 * g.Size)], "AllReduce of 3M float64");
    g.Barrier();
}

void Expect(Tensor actual, float[] expected, string what)
{
    float[] got = actual.to(ScalarType.Float32).reshape(-1).data<float>().ToArray();
    if (!got.SequenceEqual(expected))
    {
        throw new InvalidOperationException($"{what} on rank {rank}: [{string.Join(' ', got)}], expected [{string.Join(' ', expected)}]");
    }
}

int Train(string[] arguments, bool failOnRankOne)
{
    string[] positional = [.. arguments.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal))];
    string? Option(string name) => arguments.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    string folder = positional[1];
    string lossName = positional.Length > 2 ? positional[2] : "cosent";
    int batch = positional.Length > 3 ? int.Parse(positional[3], CultureInfo.InvariantCulture) : 2;
    int accumulation = positional.Length > 4 ? int.Parse(positional[4], CultureInfo.InvariantCulture) : 1;
    double learningRate = positional.Length > 5 ? double.Parse(positional[5], CultureInfo.InvariantCulture) : 1e-3;
    double dropout = Option("--dropout") is { } p ? double.Parse(p, CultureInfo.InvariantCulture) : 0.0;
    using SentenceTransformer model = ModelFolder.Load(folder, new ModelLoadOptions { Dropout = dropout });
    // Lengths vary by row, so ranks' shards differ in tokens (and in dropout draws).
    string[] anchors = Enumerable.Range(0, 16).Select(i => $"sentence {i} about topic {i % 5} and a detail {i * 7 % 11}{string.Concat(Enumerable.Repeat(" and more", i % 3))}").ToArray();
    string[] others = Enumerable.Range(0, 16).Select(i => $"a text on topic {i % 5}, number {i}").ToArray();
    if (arguments.Contains("--rank-1-data-differs") && rank == 1)
    {
        others[7] += " (a stale copy of the data)";
    }

    // GISTEmbed's guide: the same folder, frozen (it only masks false negatives).
    using SentenceTransformer? guide = lossName.Contains("gist", StringComparison.Ordinal) ? ModelFolder.Load(folder, new ModelLoadOptions { Dropout = 0.0 }) : null;
    using SentenceLoss loss = lossName switch
    {
        "mnrl" => new MultipleNegativesRankingLoss(model),
        "mnrl-gather" => new MultipleNegativesRankingLoss(model, gatherAcrossDevices: true),
        // The wrapped loss gathers at every truncated dimension.
        "matryoshka-mnrl" or "matryoshka-mnrl-gather" => new MatryoshkaLoss(model, new MultipleNegativesRankingLoss(model, gatherAcrossDevices: lossName.EndsWith("gather", StringComparison.Ordinal)), [model.EmbeddingDimension!.Value, model.EmbeddingDimension!.Value / 2]),
        "mnsrl" => new MultipleNegativesSymmetricRankingLoss(model),
        "mnsrl-gather" => new MultipleNegativesSymmetricRankingLoss(model, gatherAcrossDevices: true),
        "cached-mnrl-gather" => new CachedMultipleNegativesRankingLoss(model, miniBatchSize: 1, gatherAcrossDevices: true),
        "gist" => new GISTEmbedLoss(model, guide!, contrastAnchors: false),
        "cached-gist-gather" => new CachedGISTEmbedLoss(model, guide!, miniBatchSize: 1, contrastAnchors: false, gatherAcrossDevices: true),
        "gist-gather" => new GISTEmbedLoss(model, guide!, contrastAnchors: false, gatherAcrossDevices: true),
        _ => new CoSENTLoss(model),
    };
    SentenceDataset dataset = new[] { "mnrl", "mnsrl", "gist" }.Any(kind => lossName.Contains(kind, StringComparison.Ordinal))
        ? SentenceDataset.FromColumns(("anchor", anchors), ("positive", others))
        : SentenceDataset.FromColumns(("sentence1", anchors.Cast<object?>().ToArray()), ("sentence2", others.Cast<object?>().ToArray()), ("score", Enumerable.Range(0, 16).Select(i => (object?)((i % 5) / 4.0)).ToArray()));
    var trainingArguments = new TrainingArguments
    {
        BatchSize = batch, GradientAccumulationSteps = accumulation, LearningRate = learningRate, Seed = 3, WarmupRatio = 0,
        Bf16 = arguments.Contains("--bf16"),
        OutputDir = Option("--output"),
        SaveSteps = Option("--save-steps") is { } every ? int.Parse(every, CultureInfo.InvariantCulture) : 500,
    };
    using var trainer = new SentenceTransformerTrainer(model, dataset, loss, trainingArguments);
    var reports = trainer.Train(report =>
    {
        if (failOnRankOne && rank == 1)
        {
            throw new InvalidOperationException("a fault injected on rank 1");
        }

        PrintStep(report);
    }, resumeFromCheckpoint: Option("--resume"));
    PrintParameters(model, reports.Count, trainer.IsMainProcess);
    return 0;
}

int Rerank(string[] arguments)
{
    string folder = arguments[1], lossName = arguments[2];
    int batch = int.Parse(arguments[3], CultureInfo.InvariantCulture), accumulation = int.Parse(arguments[4], CultureInfo.InvariantCulture);
    using CrossEncoder model = CrossEncoder.Load(folder);
    string Query(int i) => $"what is said about topic {i % 5}, case {i}{string.Concat(Enumerable.Repeat(" and more", i % 3))}?";
    string Document(int i, int j) => $"topic {(i + j) % 5} is discussed in passage {j} of case {i}";
    string data = Path.Combine(Path.GetTempPath(), $"lossgen-rerank-{Environment.ProcessId}.jsonl");
    File.WriteAllLines(data, Enumerable.Range(0, 16).Select(i => lossName == "lambda"
        ? $$"""{"query": "{{Query(i)}}", "docs": ["{{Document(i, 0)}}", "{{Document(i, 1)}}", "{{Document(i, 2)}}"], "labels": [1, 0, {{i % 2}}]}"""
        : $$"""{"query": "{{Query(i)}}", "document": "{{Document(i, i % 3)}}", "label": {{(i % 3 == 0 ? 1 : 0)}}}"""));
    SentenceDataset dataset = SentenceDatasets.ReadJsonLines(data);
    File.Delete(data);
    using CrossEncoderLoss loss = lossName == "lambda" ? new LambdaLoss(model) : new BinaryCrossEntropyLoss(model);
    var trainingArguments = new TrainingArguments { BatchSize = batch, GradientAccumulationSteps = accumulation, LearningRate = 1e-3, Seed = 3, WarmupRatio = 0 };
    using var trainer = new CrossEncoderTrainer(model, dataset, loss, trainingArguments);
    var reports = trainer.Train(PrintStep);
    PrintParameters(model, reports.Count, trainer.IsMainProcess);
    return 0;
}

void PrintStep(StepReport report) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rank {rank} step {report.Step} loss {report.Loss:R}"));

// A digest and a sample of the trained parameters, and this rank's generator.
void PrintParameters(TorchSharp.torch.nn.Module model, int steps, bool main)
{
    using Tensor all = cat(model.parameters().Select(p => p.detach().reshape(-1)).ToArray());
    byte[] bytes = all.data<float>().ToArray().SelectMany(BitConverter.GetBytes).ToArray();
    Console.WriteLine($"rank {rank} of {size} digest {Convert.ToHexString(SHA256.HashData(bytes))}");
    using Tensor generator = get_rng_state();
    Console.WriteLine($"rank {rank} generator {Convert.ToHexString(SHA256.HashData(generator.data<byte>().ToArray()))[..16]}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rank {rank} sum {all.abs().sum().item<float>():R} steps {steps} main {main}"));
    // A short line (mpirun interleaves the ranks' output; one write per line keeps each whole).
    float[] sample = all.data<float>().ToArray().Where((_, i) => i % 65537 == 0).ToArray();
    Console.WriteLine($"rank {rank} sample {string.Join(' ', sample.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}");
}
