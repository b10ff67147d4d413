using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen;

/// <summary>
/// sentence-transformers' default batch sampler: a random permutation of the rows drawn with <c>torch.randperm</c> on a
/// CPU generator seeded with <c>seed</c>, cut into consecutive batches (the last one shorter unless dropped).
/// </summary>
/// <typeparam name="TExample">The example type.</typeparam>
public sealed class RandomBatchSampler<TExample> : IEnumerable<IReadOnlyList<TExample>>
{
    private readonly IReadOnlyList<TExample> _examples;
    private readonly long _seed;

    /// <summary>Creates the sampler.</summary>
    public RandomBatchSampler(IReadOnlyList<TExample> examples, int batchSize, bool dropLast = false, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _examples = examples;
        _seed = seed;
        BatchSize = batchSize;
        DropLast = dropLast;
    }

    /// <summary>Rows per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a last, shorter batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>The number of batches.</summary>
    public int Count => DropLast ? _examples.Count / BatchSize : (_examples.Count + BatchSize - 1) / BatchSize;

    /// <inheritdoc />
    public IEnumerator<IReadOnlyList<TExample>> GetEnumerator()
    {
        using var generator = new TorchSharp.torch.Generator((ulong)_seed);
        foreach (int[] rows in new Sampling.DefaultIndexSampler(_examples.Count, BatchSize, DropLast).Batches(generator, epoch: 0))
        {
            yield return rows.Select(i => _examples[i]).ToArray();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
