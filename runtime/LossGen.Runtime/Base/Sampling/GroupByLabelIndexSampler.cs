using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.Sampling;

/// <summary>
/// sentence-transformers' <c>GroupByLabelBatchSampler</c>: each label keeps an even number of its rows (in dataset
/// order, labels in order of first appearance); the generator is reseeded with seed + epoch and the labels are taken
/// in one <c>randperm</c> order, their rows concatenated and cut into batches. With <c>examplesPerLabel</c> k (LossGen's
/// P×K option) each label's rows are shuffled too and k rows of each label are taken in turn.
/// </summary>
internal sealed class GroupByLabelIndexSampler : BatchIndexSampler
{
    private readonly int[][] _groups;
    private readonly long _seed;
    private readonly int? _examplesPerLabel;

    public GroupByLabelIndexSampler(IReadOnlyList<object> labels, int batchSize, bool dropLast, long seed, int? examplesPerLabel)
        : base(labels.Count, batchSize, dropLast)
    {
        _groups = labels.Select((label, row) => (label, row)).GroupBy(p => p.label)
            .Select(g => g.Select(p => p.row).Take(g.Count() / 2 * 2).ToArray())
            .Where(g => g.Length > 0)
            .ToArray();
        _seed = seed;
        _examplesPerLabel = examplesPerLabel;
    }

    public override IEnumerable<int[]> Batches(Generator generator, int epoch)
    {
        generator.manual_seed(_seed + epoch);
        int[][] groups = Permutation(_groups.Length, generator).Select(i => _groups[i]).ToArray();
        var batch = new List<int>(BatchSize);
        foreach (int row in _examplesPerLabel is int k ? Interleave(groups, k, generator) : groups.SelectMany(g => g))
        {
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                yield return batch.ToArray();
                batch.Clear();
            }
        }

        if (batch.Count > 0 && !DropLast)
        {
            yield return batch.ToArray();
        }
    }

    private static IEnumerable<int> Interleave(int[][] groups, int k, Generator generator)
    {
        int[][] shuffled = groups.Select(g => Permutation(g.Length, generator).Select(i => g[i]).ToArray()).ToArray();
        var cursors = new int[shuffled.Length];
        for (bool any = true; any;)
        {
            any = false;
            for (int g = 0; g < shuffled.Length; g++)
            {
                if (cursors[g] + k <= shuffled[g].Length)
                {
                    any = true;
                    for (int i = 0; i < k; i++)
                    {
                        yield return shuffled[g][cursors[g]++];
                    }
                }
            }
        }
    }
}
