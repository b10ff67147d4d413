using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.SentenceTransformers.Mining;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Data;

/// <summary>
/// Hard-negative mining on a corpus whose 2-D embeddings make every answer checkable by hand. Cosine scores against
/// q1 = (1, 0): d1 0.9988, p1 0.9939 (its positive), p2 0.8, p3 0.0995; against q2: p2 0.96 (its positive), p3 0.856,
/// p1 0.685, d1 0.639; against q3: p3 1 (its positive), p2 0.677, p1 0.209, d1 0.149.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class HardNegativeMiningTests
{
    private static readonly Dictionary<string, float[]> Vectors = new(StringComparer.Ordinal)
    {
        ["q1"] = [1f, 0f], ["p1"] = [0.9f, 0.1f],
        ["q2"] = [0.6f, 0.8f], ["p2"] = [0.8f, 0.6f],
        ["q3"] = [0.1f, 1f], ["p3"] = [0.1f, 1f],
        ["d1"] = [1f, 0.05f],
    };

    private static readonly SentenceDataset Pairs = SentenceDataset.FromColumns(("query", ["q1", "q2", "q3"]), ("answer", ["p1", "p2", "p3"]));

    [Fact]
    public void Top_negatives_are_the_best_candidates_that_are_not_the_anchors_own_positive()
    {
        SentenceDataset mined = Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1 });
        Assert.Equal(["query", "answer", "negative"], mined.Columns);
        Assert.Equal(3, mined.Count);
        Assert.Equal("d1", mined[0, "negative"]);
        // q2 = (0.6, 0.8): p3 (0.85) beats d1 (0.64); q3's best other candidate is p2 (0.68).
        Assert.Equal("p3", mined[1, "negative"]);
        Assert.Equal("p2", mined[2, "negative"]);
    }

    [Fact]
    public void Score_and_margin_filters_and_range_min_skip_candidates()
    {
        Assert.Equal("p2", Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, MaxScore = 0.99 })[0, "negative"]);
        // d1 + 0.1 > 0.9939 (q1's positive) is dropped; p2 + 0.1 = 0.9 stays.
        Assert.Equal("p2", Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, AbsoluteMargin = 0.1 })[0, "negative"]);
        // relative: d1 0.9988 > 0.9939 · 0.95 is dropped, p2 0.8 stays.
        Assert.Equal("p2", Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, RelativeMargin = 0.05 })[0, "negative"]);
        Assert.Equal("p2", Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, RangeMin = 1 })[0, "negative"]);
        // min_score 0.5 leaves q1 only d1 and p2.
        SentenceDataset floor = Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 3, MinScore = 0.5 });
        Assert.Equal(["d1", "p2"], Rows(floor).Where(r => (string)r[0]! == "q1").Select(r => (string)r[2]!));
    }

    [Fact]
    public void N_tuples_keep_only_pairs_with_every_negative_and_labeled_pairs_mark_positives_1()
    {
        SentenceDataset tuples = Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 2, OutputFormat = MinedOutputFormat.NTuple });
        Assert.Equal(["query", "answer", "negative_1", "negative_2"], tuples.Columns);
        Assert.Equal(["q1", "p1", "d1", "p2"], Rows(tuples)[0]);

        SentenceDataset pairs = Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, OutputFormat = MinedOutputFormat.LabeledPair });
        Assert.Equal(["query", "answer", "label"], pairs.Columns);
        Assert.Equal(new object?[] { "q1", "p1", 1L }, Rows(pairs)[0]);
        Assert.Equal(new object?[] { "q1", "d1", 0L }, Rows(pairs)[1]);

        SentenceDataset lists = Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 2, OutputFormat = MinedOutputFormat.LabeledList });
        Assert.Equal(["query", "answer", "labels"], lists.Columns);
        Assert.Equal("labels", lists.LabelColumn);
        Assert.Equal(["p1", "d1", "p2"], (string[])lists[0, "answer"]!);
        Assert.Equal([1.0, 0.0, 0.0], (double[])lists[0, "labels"]!);

        // output_scores: q1's positive p1 0.9939, its negatives d1 0.9988 and p2 0.8.
        SentenceDataset scored = Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 2, OutputFormat = MinedOutputFormat.NTuple, OutputScores = true });
        Assert.Equal(["query", "answer", "negative_1", "negative_2", "scores"], scored.Columns);
        Assert.Equal([0.9939, 0.9988, 0.8], ((double[])scored[0, "scores"]!).Select(v => Math.Round(v, 4)));
        Assert.Equal("scores", Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, OutputFormat = MinedOutputFormat.LabeledList, OutputScores = true }).LabelColumn);
        Assert.Equal(0.9988, Math.Round((double)Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, OutputFormat = MinedOutputFormat.LabeledPair, OutputScores = true })[1, "score"]!, 4));

        // min_score 0.82 leaves q3 no candidate (its best other is p2, 0.68): its n-tuple is dropped, the others kept.
        SentenceDataset strict = Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, MinScore = 0.82, OutputFormat = MinedOutputFormat.NTuple });
        Assert.Equal(["q1", "q2"], Rows(strict).Select(r => (string)r[0]!));
    }

    [Fact]
    public void A_rescorer_decides_the_margins_and_the_ranking_when_a_filter_is_set()
    {
        // The embedding scores rank q1's candidates d1, p2, p3; a margin of 0 drops d1 (0.9988 > p1's 0.9939), leaving p2.
        Assert.Equal("p2", Mine(new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, AbsoluteMargin = 0 })[0, "negative"]);

        // A reranker that prefers p3 and scores the positive highest: nothing is dropped and p3 comes first.
        var rescored = new Dictionary<string, double> { ["d1"] = 0.2, ["p2"] = 0.5, ["p3"] = 0.9, ["p1"] = 1.0 };
        var calls = new List<int>();
        var options = new HardNegativeMiningOptions
        {
            Corpus = ["d1"], NumNegatives = 1, AbsoluteMargin = 0, OutputScores = true,
            Rescore = pairs => { calls.Add(pairs.Count); return pairs.Select(p => p.Query == "q1" ? rescored[p.Document] : 0.0).ToArray(); },
        };
        SentenceDataset mined = Mine(options);
        Assert.Equal("p3", mined[0, "negative"]);
        Assert.Equal([1.0, 0.9], (double[])mined[0, "scores"]!);
        Assert.NotEmpty(calls);

        // Without a filter the reference does not rescore.
        calls.Clear();
        _ = Mine(options with { AbsoluteMargin = null });
        Assert.Empty(calls);
    }

    [Fact]
    public void Random_sampling_is_seeded_and_nothing_mined_is_an_error()
    {
        var options = new HardNegativeMiningOptions { Corpus = ["d1"], NumNegatives = 1, SamplingStrategy = NegativeSampling.Random, RangeMax = 3, Seed = 5 };
        Assert.Equal(Rows(Mine(options)).Select(r => r[2]), Rows(Mine(options)).Select(r => r[2]));
        Assert.Contains("No negatives could be mined", Assert.Throws<InvalidOperationException>(() => Mine(new HardNegativeMiningOptions { MinScore = 2 })).Message, StringComparison.Ordinal);
    }

    private static SentenceDataset Mine(HardNegativeMiningOptions options)
    {
        using var leaks = new TensorLeakGuard();
        return HardNegativeMining.Mine(Pairs, Embed, Similarities.DotScore, options);
    }

    private static Tensor Embed(IReadOnlyList<string> texts) => tensor(texts.SelectMany(t => Vectors[t]).ToArray()).reshape(texts.Count, 2);

    private static List<object?[]> Rows(SentenceDataset dataset) =>
        Enumerable.Range(0, dataset.Count).Select(row => dataset.Columns.Select(c => dataset[row, c]).ToArray()).ToList();
}
