using System;
using System.Linq;
using Xunit;

namespace LossGen.Tests.Data;

/// <summary>The batch samplers the in-batch and batch-triplet losses need.</summary>
public sealed class BatchSamplerTests
{
    [Fact]
    public void Group_by_label_keeps_even_label_groups_together_and_drops_singletons()
    {
        LabeledTextExample[] examples = [.. Enumerable.Range(0, 7).Select(i => new LabeledTextExample($"a{i}", 0)), new LabeledTextExample("lonely", 1), .. Enumerable.Range(0, 4).Select(i => new LabeledTextExample($"c{i}", 2))];
        var sampler = new GroupByLabelBatchSampler<LabeledTextExample>(examples, batchSize: 4, seed: 1);

        var batches = sampler.ToArray();

        Assert.Equal(10, batches.Sum(b => b.Count));
        Assert.DoesNotContain(batches.SelectMany(b => b), e => e.Text == "lonely");
        Assert.All(batches, b => Assert.All(b.GroupBy(e => e.Label), g => Assert.True(g.Count() >= 2)));
        Assert.Throws<ArgumentException>(() => new GroupByLabelBatchSampler<LabeledTextExample>(examples, batchSize: 3));
    }

    [Fact]
    public void No_duplicates_never_repeats_a_text_in_a_batch()
    {
        PairExample[] examples = [.. Enumerable.Range(0, 20).Select(i => new PairExample($"q{i % 5}", $"p{i}"))];
        var sampler = new NoDuplicatesBatchSampler<PairExample>(examples, batchSize: 4, seed: 2);

        var batches = sampler.ToArray();

        Assert.Equal(20, batches.Sum(b => b.Count));
        Assert.All(batches, b => Assert.Equal(b.Count * 2, b.SelectMany(e => e.Texts).Distinct().Count()));
    }

    [Fact]
    public void Examples_per_label_mixes_labels_in_every_batch()
    {
        LabeledTextExample[] examples = [.. Enumerable.Range(0, 40).Select(i => new LabeledTextExample($"t{i}", i % 3))];
        var sampler = new GroupByLabelBatchSampler<LabeledTextExample>(examples, batchSize: 8, seed: 4, examplesPerLabel: 2);

        var batches = sampler.ToArray();

        Assert.All(batches.Where(b => b.Count == 8), b => Assert.True(b.Select(e => e.Label).Distinct().Count() >= 3));
        Assert.All(batches, b => Assert.All(b.GroupBy(e => e.Label), g => Assert.True(g.Count() >= 2)));
        Assert.Throws<ArgumentException>(() => new GroupByLabelBatchSampler<LabeledTextExample>(examples, batchSize: 8, examplesPerLabel: 3));
    }
}
