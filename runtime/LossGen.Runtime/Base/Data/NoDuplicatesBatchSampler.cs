using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace LossGen;

/// <summary>
/// Batches for in-batch negative losses (sentence-transformers' <c>NoDuplicatesBatchSampler</c>): no text appears twice
/// in a batch, so no example is scored against a duplicate of its own positive as if it were a negative.
/// </summary>
/// <typeparam name="TExample">The example type.</typeparam>
public sealed class NoDuplicatesBatchSampler<TExample> : IEnumerable<IReadOnlyList<TExample>>
    where TExample : ITrainingExample
{
    private readonly IReadOnlyList<TExample> _examples;
    private readonly Sampling.NoDuplicatesIndexSampler _sampler;
    private int _epoch;

    /// <summary>Creates the sampler.</summary>
    /// <param name="examples">The examples.</param>
    /// <param name="batchSize">Examples per batch.</param>
    /// <param name="dropLast">Drop a final incomplete batch.</param>
    /// <param name="seed">The seed; each pass (epoch) uses <c>seed + epoch</c>.</param>
    public NoDuplicatesBatchSampler(IReadOnlyList<TExample> examples, int batchSize, bool dropLast = false, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _examples = examples;
        BatchSize = batchSize;
        DropLast = dropLast;
        _sampler = new Sampling.NoDuplicatesIndexSampler(examples.Select(e => e.Texts).ToArray(), batchSize, dropLast, seed);
    }

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
