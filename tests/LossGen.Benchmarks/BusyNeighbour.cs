using System;
using System.Diagnostics;

namespace LossGen.Benchmarks;

/// <summary>The contention rows' competing process: one core kept busy (<c>sh -c 'while :; do :; done'</c>) while a case runs.</summary>
public static class BusyNeighbour
{
    /// <summary>Runs <paramref name="measure"/>, beside a busy core when <paramref name="contended"/>, and returns its result.</summary>
    public static string Beside(bool contended, Func<string> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        using Process? neighbour = contended ? Process.Start(new ProcessStartInfo("sh", "-c \"while :; do :; done\"")) : null;
        try
        {
            return measure();
        }
        finally
        {
            neighbour?.Kill();
        }
    }

    /// <summary>The neighbour column's text.</summary>
    public static string Describe(bool contended) => contended ? "one busy core" : "quiet";
}
