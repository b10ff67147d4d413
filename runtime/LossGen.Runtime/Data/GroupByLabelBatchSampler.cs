using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace LossGen;

/// <summary>
/// Batches for the batch triplet losses (sentence-transformers' <c>GroupByLabelBatchSampler</c>): examples are grouped by
/// label, each group is cut to an even size (single examples are dropped), and groups are laid out in a random order, so
/// every batch holds several examples per label and mining finds positives.
/// </summary>
/// <typeparam name="TExample">The example type; its label must be an integer class id.</typeparam>
public sealed class GroupByLabelBatchSampler<TExample> : IEnumerable<IReadOnlyList<TExample>>
    where TExample : ITrainingExample
{
    private readonly IReadOnlyList<TExample> _examples;
    private readonly int _seed;
    private int _epoch;

    /// <summary>Creates the sampler.</summary>
    /// <param name="examples">Labelled examples.</param>
    /// <param name="batchSize">Examples per batch; must be even.</param>
    /// <param name="dropLast">Drop a final incomplete batch.</param>
    /// <param name="seed">The seed; each pass (epoch) uses <c>seed + epoch</c>.</param>
    public GroupByLabelBatchSampler(IReadOnlyList<TExample> examples, int batchSize, bool dropLast = false, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (batchSize <= 0 || batchSize % 2 != 0)
        {
            throw new ArgumentException($"GroupByLabelBatchSampler needs an even, positive batch size; got {batchSize}.", nameof(batchSize));
        }

        for (int row = 0; row < examples.Count; row++)
        {
            if (examples[row].Label is not (int or long))
            {
                throw new ArgumentException($"GroupByLabelBatchSampler: row {row} has no integer class label ({examples[row].Label?.GetType().Name ?? "null"}).", nameof(examples));
            }
        }

        _examples = examples;
        BatchSize = batchSize;
        DropLast = dropLast;
        _seed = seed;
    }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a final incomplete batch is dropped.</summary>
    public bool DropLast { get; }

    /// <inheritdoc />
    public IEnumerator<IReadOnlyList<TExample>> GetEnumerator()
    {
        var random = new Random(_seed + _epoch++);
        List<TExample>[] groups = _examples
            .GroupBy(e => Convert.ToInt64(e.Label, System.Globalization.CultureInfo.InvariantCulture))
            .Select(g => g.Take(g.Count() / 2 * 2).ToList())
            .Where(g => g.Count > 0)
            .ToArray();
        random.Shuffle(groups);

        var batch = new List<TExample>(BatchSize);
        foreach (TExample example in groups.SelectMany(g => g))
        {
            batch.Add(example);
            if (batch.Count == BatchSize)
            {
                yield return batch;
                batch = new List<TExample>(BatchSize);
            }
        }

        if (batch.Count > 0 && !DropLast)
        {
            yield return batch;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
