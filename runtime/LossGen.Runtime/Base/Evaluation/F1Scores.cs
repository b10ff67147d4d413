using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Evaluation;

/// <summary>
/// scikit-learn's <c>f1_score</c> for multi-class predictions: <c>average="macro"</c>, <c>"micro"</c> and
/// <c>"weighted"</c> over the labels present in the truth or the predictions, a class with no true or predicted
/// member scoring 0 (scikit-learn's zero_division default, with its warning).
/// </summary>
public static class F1Scores
{
    /// <summary>The unweighted mean of the per-class F1.</summary>
    public static double Macro(IReadOnlyList<int> truth, IReadOnlyList<int> predicted) => PerClass(truth, predicted).Average(c => c.F1);

    /// <summary>F1 of the pooled counts, which for single-label predictions is the accuracy.</summary>
    public static double Micro(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        Check(truth, predicted);
        return truth.Zip(predicted).Count(p => p.First == p.Second) / (double)truth.Count;
    }

    /// <summary>The per-class F1 weighted by each class's number of true members.</summary>
    public static double Weighted(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        var classes = PerClass(truth, predicted);
        return classes.Sum(c => c.F1 * c.Support) / truth.Count;
    }

    private static List<(double F1, int Support)> PerClass(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        Check(truth, predicted);
        var result = new List<(double, int)>();
        foreach (int label in truth.Concat(predicted).Distinct().Order())
        {
            int truePositive = truth.Zip(predicted).Count(p => p.First == label && p.Second == label);
            int support = truth.Count(t => t == label);
            int predictedCount = predicted.Count(p => p == label);
            result.Add((support + predictedCount == 0 ? 0 : 2.0 * truePositive / (support + predictedCount), support));
        }

        return result;
    }

    private static void Check(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count || truth.Count == 0)
        {
            throw new ArgumentException($"{truth.Count} labels and {predicted.Count} predictions: they must be as many, and at least one.");
        }
    }
}
