using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;

namespace LossGen.CrossEncoders.Evaluation;

/// <summary>
/// sentence-transformers' CrossEncoderClassificationEvaluator. With one label: the best accuracy and F1 over score
/// thresholds, precision, recall and average precision (<c>accuracy</c>, <c>accuracy_threshold</c>, <c>f1</c>,
/// <c>f1_threshold</c>, <c>precision</c>, <c>recall</c>, <c>average_precision</c>, the primary metric). With several:
/// the arg-max label's macro, micro and weighted F1 (<c>f1_macro</c>, the primary metric, <c>f1_micro</c>, <c>f1_weighted</c>).
/// </summary>
/// <param name="Pairs">The (first, second) text pairs.</param>
/// <param name="Labels">Each pair's label: 0/1 with one label, a class id otherwise.</param>
/// <param name="NumLabels">The number of labels of the models it evaluates (which decides the metrics).</param>
/// <param name="Name">A name that prefixes the metrics.</param>
/// <param name="BatchSize">Pairs scored at once.</param>
public sealed record CrossEncoderClassificationEvaluator(IReadOnlyList<(string First, string Second)> Pairs, IReadOnlyList<int> Labels, int NumLabels = 1, string Name = "", int BatchSize = 32) : IEvaluator<CrossEncoder>
{
    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, NumLabels == 1 ? "average_precision" : "f1_macro");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(CrossEncoder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Pairs.Count != Labels.Count || Pairs.Count < 2)
        {
            throw new ArgumentException($"CrossEncoderClassificationEvaluator {Name}: {Pairs.Count} pairs and {Labels.Count} labels; they must be as many, and at least two.");
        }

        if (model.NumLabels != NumLabels)
        {
            throw new ArgumentException($"CrossEncoderClassificationEvaluator {Name} was made for {NumLabels} label(s); the model has {model.NumLabels}.");
        }

        float[][] scores = model.Predict(Pairs, BatchSize);
        string Key(string metric) => MetricNames.Prefixed(Name, metric);
        if (NumLabels == 1)
        {
            double[] single = scores.Select(s => (double)s[0]).ToArray();
            (double accuracy, double accuracyThreshold, double f1, double precision, double recall, double f1Threshold) = ThresholdSearch.Best(single, Labels);
            return new Dictionary<string, double>
            {
                [Key("accuracy")] = accuracy,
                [Key("accuracy_threshold")] = accuracyThreshold,
                [Key("f1")] = f1,
                [Key("f1_threshold")] = f1Threshold,
                [Key("precision")] = precision,
                [Key("recall")] = recall,
                [PrimaryMetric] = RankingMetrics.AveragePrecision(single, Labels),
            };
        }

        int[] predicted = scores.Select(s => Array.IndexOf(s, s.Max())).ToArray();
        return new Dictionary<string, double>
        {
            [PrimaryMetric] = F1Scores.Macro(Labels, predicted),
            [Key("f1_micro")] = F1Scores.Micro(Labels, predicted),
            [Key("f1_weighted")] = F1Scores.Weighted(Labels, predicted),
        };
    }
}
