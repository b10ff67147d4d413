using System.Collections.Generic;
using System.Linq;
using LossGen.Sampling;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Training;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Data;

/// <summary>
/// The batches sentence-transformers forms, with the expected orders printed by its own samplers (git 85ec645) on
/// Debian's torch 1.13: <c>torch.randperm</c>, <c>NoDuplicatesBatchSampler</c>, <c>GroupByLabelBatchSampler</c>,
/// <c>ProportionalBatchSampler</c> and <c>RoundRobinBatchSampler</c> over <c>DefaultBatchSampler(RandomSampler(generator=g))</c>
/// sharing one generator, as the trainer builds them.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class ReferenceBatchOrderTests
{
    [Fact]
    public void The_default_sampler_is_torch_randperm_on_a_generator_seeded_with_the_seed()
    {
        Assert.Equal([2, 14, 18, 15, 1, 10, 0, 4, 6, 11, 8, 3, 7, 17, 13, 12, 19, 5, 16, 9], new RandomBatchSampler<int>(Enumerable.Range(0, 20).ToArray(), 4, seed: 42).SelectMany(b => b));
        Assert.Equal([293, 529, 1437, 4490, 1214, 5711, 3805, 4012, 4946, 4128, 2804, 4989], new RandomBatchSampler<int>(Enumerable.Range(0, 5749).ToArray(), 16, seed: 43).SelectMany(b => b).Take(12));
    }

    [Fact]
    public void No_duplicates_batches_are_the_references()
    {
        string[] anchors = ["q0", "q1", "q0", "q2", "q3", "q1", "q4", "q5", "q0", "q6", "q7", "q2"];
        string[][] rows = anchors.Select((a, i) => new[] { a, $"p{i}" }).ToArray();
        var sampler = new NoDuplicatesIndexSampler(rows, batchSize: 4, dropLast: false, seed: 0);
        using var generator = new Generator();
        Assert.Equal([[8, 5, 9, 7], [0, 4, 10, 3], [2, 1, 11, 6]], sampler.Batches(generator, epoch: 0));
        Assert.Equal([[1, 4, 6, 8], [11, 0, 5, 9], [3, 2, 10, 7]], sampler.Batches(generator, epoch: 1));
    }

    [Fact]
    public void Group_by_label_batches_are_the_references()
    {
        object[] labels = new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0, 1, 1, 2, 0 }.Cast<object>().ToArray();
        var sampler = new GroupByLabelIndexSampler(labels, batchSize: 4, dropLast: false, seed: 0, examplesPerLabel: null);
        using var generator = new Generator();
        Assert.Equal([[0, 3, 6, 11], [1, 4, 7, 12], [9, 10, 2, 5], [8, 14]], sampler.Batches(generator, epoch: 0));
        Assert.Equal([[1, 4, 7, 12], [9, 10, 2, 5], [8, 14, 0, 3], [6, 11]], sampler.Batches(generator, epoch: 1));
    }

    [Theory]
    [InlineData(MultiDatasetBatchSamplers.Proportional, new[] { 11, 10, 12, 13, 9, 5, 4, 6, 15, 14, 8, 7, 3, 0, 1, 2 }, new[] { 4, 4, 2, 4, 2 }, 5)]
    [InlineData(MultiDatasetBatchSamplers.RoundRobin, new[] { 8, 4, 9, 0, 11, 12, 14, 13, 5, 1, 6, 7, 10, 15, 2, 3 }, new[] { 4, 4, 4, 2, 2 }, 4)]
    public void Several_datasets_share_one_generator_as_the_references_multi_dataset_samplers(MultiDatasetBatchSamplers multi, int[] expected, int[] sizes, int perEpoch)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 1);
        using var loss = new MultipleNegativesRankingLoss(model);
        var plan = TrainingPlan.Create(model, [("x", Pairs("x", 10), loss), ("y", Pairs("y", 6), loss)], new TrainingArguments { BatchSize = 4, Seed = 42, MultiDatasetBatchSampler = multi });

        // Global indices, the second dataset after the first, as the reference's ConcatDataset numbers them.
        var batches = plan.EpochBatches(new Generator(), epoch: 1).Select(b => b.Rows.Select(r => b.Source.Name == "x" ? r : r + 10).ToArray()).ToArray();

        Assert.Equal(expected, batches.SelectMany(b => b));
        Assert.Equal(sizes, batches.Select(b => b.Length));
        Assert.Equal(perEpoch, plan.BatchesPerEpoch);
    }

    private static SentenceDataset Pairs(string prefix, int rows) => SentenceDataset.FromColumns(
        ("anchor", Enumerable.Range(0, rows).Select(i => (object?)$"{prefix} anchor {i}").ToArray()),
        ("positive", Enumerable.Range(0, rows).Select(i => (object?)$"{prefix} positive {i}").ToArray()));
}
