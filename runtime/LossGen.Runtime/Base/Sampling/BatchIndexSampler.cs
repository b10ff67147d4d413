using System.Collections.Generic;
using static TorchSharp.torch;

namespace LossGen.Sampling;

/// <summary>
/// Forms the batches of one dataset as row indices, drawing its randomness from a generator it is handed, so that
/// several samplers can share one generator the way sentence-transformers' samplers do (the order in which they draw
/// from it is part of the batches they make).
/// </summary>
internal abstract class BatchIndexSampler
{
    protected BatchIndexSampler(int rows, int batchSize, bool dropLast)
    {
        Rows = rows;
        BatchSize = batchSize;
        DropLast = dropLast;
    }

    public int Rows { get; }

    public int BatchSize { get; }

    public bool DropLast { get; }

    /// <summary>The batches an epoch yields, as <c>len()</c> of sentence-transformers' sampler reports them.</summary>
    public int Count => DropLast ? Rows / BatchSize : (Rows + BatchSize - 1) / BatchSize;

    /// <summary>
    /// The batches of <paramref name="epoch"/>. Lazy, as Python's iterators: nothing is drawn from
    /// <paramref name="generator"/> before the first batch is asked for.
    /// </summary>
    public abstract IEnumerable<int[]> Batches(Generator generator, int epoch);

    /// <summary>torch.randperm(n, generator=generator).tolist().</summary>
    protected static long[] Permutation(int n, Generator generator)
    {
        using Tensor permutation = randperm(n, generator: generator);
        return permutation.data<long>().ToArray();
    }
}
