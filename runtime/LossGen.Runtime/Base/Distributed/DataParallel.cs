using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Distributed;

/// <summary>
/// What the trainer does for data parallelism, as torch's DistributedDataParallel: the same replica on every rank at
/// the start (checked, then broadcast from rank 0), and after each backward pass the mean of the ranks' gradients,
/// all-reduced in flattened buckets, so that every rank's optimizer applies the same update.
/// </summary>
internal static class DataParallel
{
    /// <summary>
    /// Refuses a run whose ranks hold different models, arguments or training data (a hash of each, compared with rank
    /// 0's), then gives every rank rank 0's parameters. <paramref name="data"/> hashes the training rows (0 where the
    /// caller forms the batches); it is computed only for a run of more than one process.
    /// </summary>
    /// <exception cref="InvalidOperationException">A rank's model, arguments or data differ from rank 0's; the message names which.</exception>
    public static void Synchronize(IProcessGroup? group, nn.Module model, IEnumerable<nn.Module> losses, TrainingArguments arguments, int totalSteps, Func<long> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (group is not { Size: > 1 })
        {
            return;
        }

        long[] local = [ModelFingerprint(model, losses), ArgumentsFingerprint(arguments, totalSteps), data()];
        using Tensor reference = tensor(local);
        group.Broadcast(reference, root: 0);
        long[] root = reference.data<long>().ToArray();
        using Tensor differs = tensor(local.Select((value, i) => value == root[i] ? 0L : 1L).ToArray());
        group.AllReduce(differs);
        long[] counts = differs.data<long>().ToArray();
        if (counts.Any(c => c > 0))
        {
            (string Name, string Holds)[] parts =
            [
                ("model", "a model (parameter names and shapes)"),
                ("arguments", "training arguments (batch size, learning rate, seed, steps, precision, samplers, checkpoints)"),
                ("data", "training data (datasets, rows, texts, labels)"),
            ];
            string which = string.Join("; ", parts.Select((p, i) => (p.Holds, Ranks: counts[i])).Where(p => p.Ranks > 0).Select(p => $"{p.Ranks} of the {group.Size} ranks hold {p.Holds} other than rank 0's"));
            string mine = string.Join(" and ", parts.Where((_, i) => local[i] != root[i]).Select(p => p.Name));
            string self = group.Rank == 0 ? "the reference" : mine.Length == 0 ? "which agrees with rank 0" : $"which differs in its {mine}";
            throw new InvalidOperationException($"{which}. This is rank {group.Rank}, {self}. Start every rank from the same model, arguments and data.");
        }

        BroadcastParameters(group, model, losses);
    }

    /// <summary>Gives every rank rank 0's parameters (the model's and the losses' own).</summary>
    public static void BroadcastParameters(IProcessGroup? group, nn.Module model, IEnumerable<nn.Module> losses)
    {
        if (group is not { Size: > 1 })
        {
            return;
        }

        using (no_grad())
        {
            foreach (Parameter parameter in model.parameters().Concat(losses.SelectMany(l => l.parameters())))
            {
                group.Broadcast(parameter, root: 0);
            }
        }
    }

    /// <summary>
    /// Replaces every trainable parameter's gradient with the mean over the ranks, in buckets of at most
    /// <paramref name="bucketMegabytes"/> MiB. A parameter that has a gradient on some rank but not here counts as
    /// zero here, so that every rank reduces the same layout; one that has none on any rank (a guide model's, a frozen
    /// branch's) keeps none, as in a single process, where the optimizer leaves it alone.
    /// </summary>
    public static void AverageGradients(IProcessGroup group, IEnumerable<Parameter> parameters, int bucketMegabytes)
    {
        long capacity = Math.Max(1, (long)bucketMegabytes * 1024 * 1024 / sizeof(float));
        Parameter[] trainable = parameters.Where(p => p.requires_grad).ToArray();
        using Tensor present = tensor(trainable.Select(p => p.grad is null ? 0L : 1L).ToArray());
        group.AllReduce(present);
        long[] ranksWithGradient = present.data<long>().ToArray();
        var bucket = new List<Tensor>();
        long size = 0;
        using (no_grad())
        {
            foreach (Parameter parameter in trainable.Where((_, i) => ranksWithGradient[i] > 0))
            {
                parameter.grad ??= zeros_like(parameter);
                bucket.Add(parameter.grad);
                size += parameter.numel();
                if (size >= capacity)
                {
                    Reduce(group, bucket);
                    bucket.Clear();
                    size = 0;
                }
            }

            Reduce(group, bucket);
        }
    }

    /// <summary>The mean over the ranks of a value each computed.</summary>
    public static double Mean(IProcessGroup group, double value)
    {
        using Tensor total = tensor(new[] { value });
        group.AllReduce(total);
        return total.item<double>() / group.Size;
    }

    private static void Reduce(IProcessGroup group, List<Tensor> gradients)
    {
        if (gradients.Count == 0)
        {
            return;
        }

        using var scope = NewDisposeScope();
        Tensor flat = cat(gradients.Select(g => g.reshape(-1)).ToArray()).to(ScalarType.Float32);
        group.AllReduce(flat);
        flat.div_(group.Size);
        long offset = 0;
        foreach (Tensor gradient in gradients)
        {
            gradient.copy_(flat.narrow(0, offset, gradient.numel()).view(gradient.shape));
            offset += gradient.numel();
        }
    }

    private static long ModelFingerprint(nn.Module model, IEnumerable<nn.Module> losses)
    {
        var fingerprint = new RunFingerprint();
        foreach ((string name, Parameter parameter) in model.named_parameters().Concat(losses.SelectMany(l => l.named_parameters())))
        {
            fingerprint.Add($"{name}[{string.Join(',', parameter.shape)}]{parameter.dtype}");
        }

        return fingerprint.Value;
    }

    // What the updates depend on, and when the ranks meet in a collective (checkpoints gather every rank's generator;
    // the best model is broadcast).
    private static long ArgumentsFingerprint(TrainingArguments arguments, int totalSteps) => new RunFingerprint().Add(string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{arguments.BatchSize};{arguments.LearningRate:R};{arguments.Seed};{arguments.GradientAccumulationSteps};{arguments.MaxGradNorm:R};{arguments.WeightDecay:R};{arguments.WarmupRatio:R};{arguments.WarmupSteps};{totalSteps};{arguments.Bf16};{arguments.DropoutSampler};{arguments.BatchSampler};{arguments.MultiDatasetBatchSampler};{arguments.DropLast};{arguments.OutputDir is null};{arguments.SaveSteps};{arguments.LoadBestModelAtEnd}")).Value;
}
