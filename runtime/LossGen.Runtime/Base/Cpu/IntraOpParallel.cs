using System;
using System.Threading.Tasks;
using LossGen.Backbones;
using static TorchSharp.torch;

namespace LossGen.Cpu;

/// <summary>
/// LossGen's own element-wise loops (AdamW, dropout masks) run on as many threads as libtorch's intra-op pool, so that
/// <c>torch.set_num_threads</c> bounds them too and they never oversubscribe the cores libtorch was given.
/// </summary>
internal static class IntraOpParallel
{
    /// <summary>libtorch's intra-op thread count, at least 1.</summary>
    public static int Threads => Math.Max(1, get_num_threads());

    /// <summary>Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/> on <see cref="Threads"/> threads.</summary>
    public static void For(int count, Action<int> body) =>
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Threads }, body);
}
