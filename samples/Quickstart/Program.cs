using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LossGen;
using LossGen.Losses;
using LossGen.Models;
using Quickstart;
using TorchSharp;
using static TorchSharp.torch;

// Fine-tunes a small sentence encoder on question/passage pairs with a LossGen loss, and reports retrieval quality on
// held-out questions before and after. Run with no argument for the built-in dataset.
var options = Options.Parse(args);
manual_seed(options.Seed);
var random = new Random(options.Seed);
Device device = options.Device == "cuda" ? CUDA : CPU;

(List<PairExample> train, List<PairExample> test) = options.DataFile is null
    ? BuiltInDataset.Load()
    : Split(BuiltInDataset.FromFile(options.DataFile), random);
Console.WriteLine($"LossGen quickstart: {train.Count} training pairs, {test.Count} held-out pairs, loss {options.Loss}, {options.Epochs} epoch(s) on {device.type}.");

using var encoder = new HashingEncoder(dimension: 64, device: device);
using SentenceLoss loss = CreateLoss(options.Loss, encoder);
var parameters = encoder.parameters().Concat(loss.parameters()).ToList();
using var optimizer = optim.AdamW(parameters, lr: options.LearningRate);

(double mrrBefore, double recallBefore) = Evaluate(encoder, test);
Console.WriteLine($"before: MRR@10 {mrrBefore:F4}  Recall@1 {recallBefore:F4}");

var curve = new List<double>();
for (int epoch = 1; epoch <= options.Epochs; epoch++)
{
    encoder.SetTraining(true);
    PairExample[] shuffled = train.OrderBy(_ => random.Next()).ToArray();
    double epochLoss = 0;
    int steps = 0;
    foreach (PairExample[] batch in shuffled.Chunk(options.BatchSize).Where(b => b.Length > 1))
    {
        using var step = NewDisposeScope();
        optimizer.zero_grad();
        Tensor value = loss.Compute(loss.CollateBatch(batch));
        value.backward();
        optimizer.step();
        double scalar = value.item<float>();
        curve.Add(scalar);
        epochLoss += scalar;
        steps++;
    }

    Console.WriteLine($"epoch {epoch}: mean loss {epochLoss / Math.Max(steps, 1):F4}");
}

(double mrrAfter, double recallAfter) = Evaluate(encoder, test);
Console.WriteLine($"after:  MRR@10 {mrrAfter:F4}  Recall@1 {recallAfter:F4}");

Directory.CreateDirectory(options.Output);
SaveAtomically(Path.Combine(options.Output, "encoder.dat"), path => encoder.save(path));
SaveAtomically(Path.Combine(options.Output, "loss-curve.csv"), path =>
    File.WriteAllLines(path, ["step,loss", .. curve.Select((v, i) => $"{i + 1},{v.ToString("R", CultureInfo.InvariantCulture)}")]));
Console.WriteLine($"saved the encoder and the loss curve to {Path.GetFullPath(options.Output)}");
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

static (double Mrr, double Recall) Evaluate(HashingEncoder encoder, List<PairExample> pairs)
{
    encoder.SetTraining(false);
    using var noGrad = no_grad();
    using var scope = NewDisposeScope();
    Tensor scores = Similarities.CosSim(encoder.Encode(pairs.Select(p => p.Anchor).ToArray()), encoder.Encode(pairs.Select(p => p.Positive).ToArray()));
    Tensor correct = scores.diagonal().unsqueeze(1);
    long[] ranks = scores.gt(correct).sum(1).add(1).data<long>().ToArray();
    return (ranks.Average(r => r <= 10 ? 1.0 / r : 0), ranks.Average(r => r == 1 ? 1.0 : 0));
}

static (List<PairExample>, List<PairExample>) Split(List<PairExample> pairs, Random random)
{
    PairExample[] shuffled = pairs.OrderBy(_ => random.Next()).ToArray();
    int held = Math.Max(1, shuffled.Length / 5);
    return (shuffled.Skip(held).ToList(), shuffled.Take(held).ToList());
}

// Write, flush, rename: an interrupted save never leaves a half-written file in place of a good one.
static void SaveAtomically(string path, Action<string> write)
{
    string temporary = path + ".tmp";
    write(temporary);
    using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
    {
        stream.Flush(flushToDisk: true);
    }

    File.Move(temporary, path, overwrite: true);
}

internal sealed record Options(string Loss, string? DataFile, int Epochs, string Output, int BatchSize, double LearningRate, int Seed, string Device)
{
    public static Options Parse(string[] args)
    {
        var options = new Options("MultipleNegativesRankingLoss", null, 4, "output", 16, 5e-3, 42, "cpu");
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--loss" => options with { Loss = Value() },
                "--data" => options with { DataFile = Value() },
                "--epochs" => options with { Epochs = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--output" => options with { Output = Value() },
                "--batch-size" => options with { BatchSize = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--lr" => options with { LearningRate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--device" => options with { Device = Value() },
                _ => throw new ArgumentException($"Unknown argument {args[i]}. Options: --loss NAME --data FILE.tsv --epochs N --output DIR --batch-size N --lr X --seed N --device cpu|cuda"),
            };
        }

        return options;
    }
}
