using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace LossGen;

/// <summary>
/// Batches for the batch triplet losses (sentence-transformers' <c>GroupByLabelBatchSampler</c>): examples are grouped by
/// label, each group is cut to an even size (single examples are dropped), and groups are laid out in a random order, so
/// every batch holds several examples per label and mining finds positives. With few large classes that layout gives
/// batches of a single label, where there is nothing to mine; set <c>examplesPerLabel</c> to take that many examples of
/// each label in turn instead (P×K sampling), so every batch mixes labels.
/// </summary>
/// <typeparam name="TExample">The example type; its label must be an integer class id.</typeparam>
public sealed class GroupByLabelBatchSampler<TExample> : IEnumerable<IReadOnlyList<TExample>>
    where TExample : ITrainingExample
{
    private readonly IReadOnlyList<TExample> _examples;
    private readonly Sampling.GroupByLabelIndexSampler _sampler;
    private int _epoch;

    /// <summary>Creates the sampler.</summary>
    /// <param name="examples">Labelled examples.</param>
    /// <param name="batchSize">Examples per batch; must be even.</param>
    /// <param name="dropLast">Drop a final incomplete batch.</param>
    /// <param name="seed">The seed; each pass (epoch) uses <c>seed + epoch</c>.</param>
    /// <param name="examplesPerLabel">With a value, each label contributes this many examples in turn (P×K batches); it must divide <paramref name="batchSize"/>.</param>
    public GroupByLabelBatchSampler(IReadOnlyList<TExample> examples, int batchSize, bool dropLast = false, int seed = 0, int? examplesPerLabel = null)
    {
        if (examplesPerLabel is int k && (k < 2 || batchSize % k != 0))
        {
            throw new ArgumentException($"GroupByLabelBatchSampler: examplesPerLabel {k} must be at least 2 and divide the batch size {batchSize}.", nameof(examplesPerLabel));
        }

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
        ExamplesPerLabel = examplesPerLabel;
        _sampler = new Sampling.GroupByLabelIndexSampler(examples.Select(e => (object)Convert.ToInt64(e.Label, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), batchSize, dropLast, seed, examplesPerLabel);
    }

    /// <summary>Examples each label contributes in turn, or <c>null</c> for whole groups one after another.</summary>
    public int? ExamplesPerLabel { get; }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a final incomplete batch is dropped.</summary>
    public bool DropLast { get; }

    /// <inheritdoc />
    public IEnumerator<IReadOnlyList<TExample>> GetEnumerator()
    {
        using var generator = new TorchSharp.torch.Generator();
        foreach (int[] rows in _sampler.Batches(generator, _epoch++))
        {
            yield return rows.Select(i => _examples[i]).ToArray();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
