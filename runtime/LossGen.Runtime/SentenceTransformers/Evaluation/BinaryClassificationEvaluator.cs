using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>
/// sentence-transformers' BinaryClassificationEvaluator: classifies pairs as similar when their cosine similarity is
/// above a threshold, and reports the best accuracy and the best F1 over all thresholds, with those thresholds.
/// </summary>
/// <param name="Sentences1">The first sentence of each pair.</param>
/// <param name="Sentences2">The second sentence of each pair.</param>
/// <param name="Labels">1 for a similar pair, 0 otherwise.</param>
/// <param name="Name">A name for reports.</param>
public sealed record BinaryClassificationEvaluator(IReadOnlyList<string> Sentences1, IReadOnlyList<string> Sentences2, IReadOnlyList<int> Labels, string Name = "") : ISentenceEvaluator
{
    /// <summary>Embeds the pairs and finds the best thresholds.</summary>
    public BinaryClassificationEvaluation Evaluate(SentenceTransformer model, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Sentences1.Count != Sentences2.Count || Sentences1.Count != Labels.Count || Labels.Count < 2)
        {
            throw new ArgumentException($"BinaryClassificationEvaluator {Name}: {Sentences1.Count} first sentences, {Sentences2.Count} second sentences and {Labels.Count} labels (at least 2 pairs).");
        }

        int bad = Labels.ToList().FindIndex(l => l is not (0 or 1));
        if (bad >= 0)
        {
            throw new ArgumentException($"BinaryClassificationEvaluator {Name}: the label of row {bad} is {Labels[bad]}, not 0 or 1.");
        }

        using var scope = NewDisposeScope();
        double[] scores = Similarities.PairwiseCosSim(model.Embed(Sentences1, batchSize), model.Embed(Sentences2, batchSize)).to(ScalarType.Float64).data<double>().ToArray();
        return Score(scores, Labels, Name);
    }

    /// <summary>The best accuracy and F1 thresholds of <paramref name="scores"/> (higher means more similar).</summary>
    public static BinaryClassificationEvaluation Score(IReadOnlyList<double> scores, IReadOnlyList<int> labels, string name = "")
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        (double accuracy, double accuracyThreshold, double f1, double precision, double recall, double f1Threshold) = ThresholdSearch.Best(scores, labels);
        double[] scoreList = scores.ToArray();
        int[] labelList = labels.ToArray();
        return new BinaryClassificationEvaluation(name, accuracy, accuracyThreshold, f1, precision, recall, f1Threshold, RankingMetrics.AveragePrecision(scoreList, labelList), ThresholdSearch.Matthews(scoreList, labelList, f1Threshold));
    }

    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, "cosine_ap");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(SentenceTransformer model)
    {
        BinaryClassificationEvaluation result = Evaluate(model);
        return new Dictionary<string, double>
        {
            [MetricNames.Prefixed(Name, "cosine_accuracy")] = result.Accuracy,
            [MetricNames.Prefixed(Name, "cosine_accuracy_threshold")] = result.AccuracyThreshold,
            [MetricNames.Prefixed(Name, "cosine_f1")] = result.F1,
            [MetricNames.Prefixed(Name, "cosine_f1_threshold")] = result.F1Threshold,
            [MetricNames.Prefixed(Name, "cosine_precision")] = result.Precision,
            [MetricNames.Prefixed(Name, "cosine_recall")] = result.Recall,
            [PrimaryMetric] = result.AveragePrecision,
            [MetricNames.Prefixed(Name, "cosine_mcc")] = result.Mcc,
        };
    }
}
