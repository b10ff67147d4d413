using System;
using System.Runtime.InteropServices;

namespace LossGen.Cpu;

/// <summary>
/// glibc's malloc serves each block above its mmap threshold (32 MB at most) with a fresh mapping and unmaps it on
/// free. A training step frees and allocates the same large tensors every step (all-MiniLM-L6-v2's 47 MB word-embedding
/// gradient among them), so the kernel faulted and zeroed those pages again on each step: about a tenth of a
/// short-text step. While a trainer exists, large blocks stay in malloc's heap (<c>M_MMAP_MAX</c> 0, a high
/// <c>M_TRIM_THRESHOLD</c>) and are reused. When the last trainer is disposed, mappings are allowed again with the
/// thresholds glibc's adaptive ones settle at once a large block was freed (mmap above 32 MB, trim above 64 MB): any
/// mallopt call freezes the thresholds, and glibc's initial 128 KB, frozen, would map and fault every activation.
/// Settings the user made through <c>MALLOC_MMAP_MAX_</c>, <c>MALLOC_MMAP_THRESHOLD_</c> or <c>MALLOC_TRIM_THRESHOLD_</c>
/// are left alone.
/// </summary>
internal static class TrainingHeap
{
    private const int TrimThreshold = -1, MmapThreshold = -3, MmapMax = -4;
    private const int SettledMmapThreshold = 32 * 1024 * 1024, SettledTrimThreshold = 2 * SettledMmapThreshold, DefaultMmapMax = 65536;
    private static readonly object Gate = new();
    private static int _trainers;

    /// <summary>How many trainers hold the policy now.</summary>
    internal static int Holders => _trainers;

    /// <summary>Keeps large blocks in the heap until the result is disposed (nested uses count).</summary>
    public static IDisposable Enter()
    {
        if (!OperatingSystem.IsLinux() || UserSet("MALLOC_MMAP_MAX_") || UserSet("MALLOC_MMAP_THRESHOLD_") || UserSet("MALLOC_TRIM_THRESHOLD_"))
        {
            return new Backbones.ScopeExit(() => { });
        }

        lock (Gate)
        {
            if (_trainers++ == 0)
            {
                Set(MmapMax, 0);
                Set(TrimThreshold, int.MaxValue);
            }
        }

        return new Backbones.ScopeExit(() =>
        {
            lock (Gate)
            {
                if (--_trainers == 0)
                {
                    Set(MmapThreshold, SettledMmapThreshold);
                    Set(TrimThreshold, SettledTrimThreshold);
                    Set(MmapMax, DefaultMmapMax);
                }
            }
        });
    }

    private static bool UserSet(string variable) => Environment.GetEnvironmentVariable(variable) is not null;

    // A C library without mallopt (not glibc) keeps its own policy.
    private static void Set(int parameter, int value)
    {
        try
        {
            _ = mallopt(parameter, value);
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    [DllImport("libc")]
    private static extern int mallopt(int parameter, int value);
}
