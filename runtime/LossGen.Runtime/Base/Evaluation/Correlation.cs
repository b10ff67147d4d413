using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Evaluation;

/// <summary>Pearson and Spearman correlation, as scipy computes them (Spearman ranks ties by their average rank).</summary>
public static class Correlation
{
    /// <summary>Pearson's r.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 2)
        {
            throw new ArgumentException($"Correlation needs two series of the same length of at least 2; got {x.Count} and {y.Count}.");
        }

        double meanX = x.Average(), meanY = y.Average();
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - meanX, dy = y[i] - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }

        return covariance / Math.Sqrt(varianceX * varianceY);
    }

    /// <summary>Spearman's ρ: Pearson's r of the average ranks.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) => Pearson(Ranks(x), Ranks(y));

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        int[] order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            double rank = ((start + end) / 2.0) + 1;
            for (int k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }
}
