using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Evaluation;

/// <summary>
/// scikit-learn's ranking metrics, which sentence-transformers' evaluators call: <c>average_precision_score</c> and
/// <c>ndcg_score</c>, both with its handling of tied scores, so that the figures are the reference's. Written here
/// because no .NET library computes them with those tie rules.
/// </summary>
public static class RankingMetrics
{
    /// <summary>
    /// <c>average_precision_score(labels, scores)</c>: Σ (Rₙ − Rₙ₋₁) Pₙ over the distinct score thresholds, highest first
    /// (tied scores enter together). 0 when no label is positive, as scikit-learn returns it (with a warning).
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<int> labels)
    {
        Check(scores, labels.Count);
        int positives = labels.Count(l => l != 0);
        if (positives == 0)
        {
            return 0;
        }

        int[] order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double averagePrecision = 0, previousRecall = 0;
        int truePositives = 0, seen = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            for (; end < order.Length && scores[order[end]] == scores[order[start]]; end++)
            {
                truePositives += labels[order[end]] != 0 ? 1 : 0;
            }

            seen = end;
            double recall = truePositives / (double)positives;
            averagePrecision += (recall - previousRecall) * (truePositives / (double)seen);
            previousRecall = recall;
            start = end;
        }

        return averagePrecision;
    }

    /// <summary>
    /// <c>ndcg_score([relevance], [scores], k=k)</c>: DCG@k over 1/log₂(rank + 1) discounts, where tied scores share the
    /// mean gain of their group, divided by the DCG@k of the ideal order. 0 when nothing is relevant.
    /// </summary>
    public static double Ndcg(IReadOnlyList<double> relevance, IReadOnlyList<double> scores, int k)
    {
        Check(scores, relevance.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        double ideal = TieAveragedDcg(relevance, relevance, k);
        return ideal == 0 ? 0 : TieAveragedDcg(relevance, scores, k) / ideal;
    }

    private static double TieAveragedDcg(IReadOnlyList<double> gains, IReadOnlyList<double> scores, int k)
    {
        int[] order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double dcg = 0;
        for (int start = 0; start < order.Length && start < k;)
        {
            int end = start;
            double gain = 0;
            for (; end < order.Length && scores[order[end]] == scores[order[start]]; end++)
            {
                gain += gains[order[end]];
            }

            double discounts = 0;
            for (int rank = start; rank < Math.Min(end, k); rank++)
            {
                discounts += 1 / Math.Log2(rank + 2);
            }

            dcg += gain / (end - start) * discounts;
            start = end;
        }

        return dcg;
    }

    private static void Check(IReadOnlyList<double> scores, int labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count != labels || scores.Count == 0)
        {
            throw new ArgumentException($"{scores.Count} scores and {labels} labels: they must be as many, and at least one.");
        }
    }
}
