using System;
using System.Diagnostics;
using System.Linq;

namespace LossGen.Benchmarks;

/// <summary>How fast a pass runs: the median of five timed passes after two warm-up passes (which also compile oneDNN's kernels for the batch shapes).</summary>
public static class MedianRate
{
    /// <summary>Items per second of <paramref name="pass"/>, which handles <paramref name="items"/> items.</summary>
    public static double Of(Action pass, int items)
    {
        ArgumentNullException.ThrowIfNull(pass);
        pass();
        pass();
        var seconds = new double[5];
        for (int i = 0; i < seconds.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            pass();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }

        return items / seconds.Order().ElementAt(seconds.Length / 2);
    }
}
