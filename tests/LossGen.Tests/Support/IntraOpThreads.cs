using System;
using LossGen.Backbones;
using static TorchSharp.torch;

namespace LossGen.Tests.Support;

/// <summary>libtorch's intra-op thread count for a test, restored afterwards.</summary>
public static class IntraOpThreads
{
    /// <summary>Sets <paramref name="threads"/> on this thread until the result is disposed.</summary>
    public static IDisposable Set(int threads)
    {
        int before = get_num_threads();
        set_num_threads(threads);
        return new ScopeExit(() => set_num_threads(before));
    }
}
