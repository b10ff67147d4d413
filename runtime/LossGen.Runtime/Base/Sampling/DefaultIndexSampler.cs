using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.Sampling;

/// <summary>
/// torch's <c>BatchSampler(RandomSampler(dataset, generator=generator))</c>: one <c>randperm</c> of the rows from the
/// generator as it stands, cut into batches. The caller seeds the generator (the trainer with seed + epoch, as
/// accelerate's seedable sampler does).
/// </summary>
internal sealed class DefaultIndexSampler(int rows, int batchSize, bool dropLast) : BatchIndexSampler(rows, batchSize, dropLast)
{
    public override IEnumerable<int[]> Batches(Generator generator, int epoch)
    {
        long[] order = Permutation(Rows, generator);
        for (int start = 0; start + (DropLast ? BatchSize : 1) <= order.Length; start += BatchSize)
        {
            yield return order.Skip(start).Take(BatchSize).Select(i => (int)i).ToArray();
        }
    }
}
