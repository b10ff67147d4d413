using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Evaluation;

/// <summary>
/// sentence-transformers' <c>find_best_acc_and_threshold</c> and <c>find_best_f1_and_threshold</c> (higher scores mean
/// more likely positive), shared by the bi-encoder's and the cross-encoder's binary classification evaluators.
/// </summary>
public static class ThresholdSearch
{
    /// <summary>The best accuracy and its threshold, and the best F1 with its precision, recall and threshold.</summary>
    public static (double Accuracy, double AccuracyThreshold, double F1, double Precision, double Recall, double F1Threshold) Best(IReadOnlyList<double> scores, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        (double Score, int Label)[] rows = scores.Zip(labels).OrderByDescending(r => r.First).Select(r => (r.First, r.Second)).ToArray();
        int positives = labels.Count(l => l == 1);
        int remainingNegatives = labels.Count - positives;
        int positiveSoFar = 0, extracted = 0;
        double bestAccuracy = 0, accuracyThreshold = -1, bestF1 = 0, f1Threshold = -1, bestPrecision = 0, bestRecall = 0;
        for (int i = 0; i < rows.Length - 1; i++)
        {
            extracted++;
            if (rows[i].Label == 1)
            {
                positiveSoFar++;
            }
            else
            {
                remainingNegatives--;
            }

            double threshold = (rows[i].Score + rows[i + 1].Score) / 2;
            double accuracy = (positiveSoFar + remainingNegatives) / (double)rows.Length;
            if (accuracy > bestAccuracy)
            {
                bestAccuracy = accuracy;
                accuracyThreshold = threshold;
            }

            if (positiveSoFar > 0)
            {
                double precision = positiveSoFar / (double)extracted, recall = positiveSoFar / (double)positives;
                double f1 = 2 * precision * recall / (precision + recall);
                if (f1 > bestF1)
                {
                    (bestF1, bestPrecision, bestRecall, f1Threshold) = (f1, precision, recall, threshold);
                }
            }
        }

        return (bestAccuracy, accuracyThreshold, bestF1, bestPrecision, bestRecall, f1Threshold);
    }

    /// <summary>scikit-learn's <c>matthews_corrcoef</c> of (scores ≥ <paramref name="threshold"/>) against the labels; 0 when a margin is empty.</summary>
    public static double Matthews(double[] scores, int[] labels, double threshold)
    {
        double tp = 0, tn = 0, fp = 0, fn = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            bool predicted = scores[i] >= threshold;
            (tp, tn, fp, fn) = (predicted, labels[i] == 1) switch
            {
                (true, true) => (tp + 1, tn, fp, fn),
                (false, false) => (tp, tn + 1, fp, fn),
                (true, false) => (tp, tn, fp + 1, fn),
                _ => (tp, tn, fp, fn + 1),
            };
        }

        double denominator = Math.Sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        return denominator == 0 ? 0 : ((tp * tn) - (fp * fn)) / denominator;
    }
}
