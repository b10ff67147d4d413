using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;

namespace LossGen.CrossEncoders.Evaluation;

/// <summary>
/// sentence-transformers' CrossEncoderCorrelationEvaluator: the Pearson and Spearman correlation between the model's
/// scores of the pairs (<c>predict</c>, with its activation) and their gold scores; Spearman is the primary metric.
/// </summary>
/// <param name="Pairs">The (first, second) text pairs.</param>
/// <param name="Scores">The gold scores.</param>
/// <param name="Name">A name that prefixes the metrics, such as <c>sts-dev</c>.</param>
/// <param name="BatchSize">Pairs scored at once.</param>
public sealed record CrossEncoderCorrelationEvaluator(IReadOnlyList<(string First, string Second)> Pairs, IReadOnlyList<double> Scores, string Name = "", int BatchSize = 32) : IEvaluator<CrossEncoder>
{
    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, "spearman");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(CrossEncoder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Pairs.Count != Scores.Count || Pairs.Count < 2)
        {
            throw new ArgumentException($"CrossEncoderCorrelationEvaluator {Name}: {Pairs.Count} pairs and {Scores.Count} scores; they must be as many, and at least two.");
        }

        if (model.NumLabels != 1)
        {
            throw new ArgumentException($"CrossEncoderCorrelationEvaluator {Name}: the model has {model.NumLabels} labels; correlation needs one score per pair.");
        }

        double[] predicted = model.Predict(Pairs, BatchSize).Select(s => (double)s[0]).ToArray();
        return new Dictionary<string, double>
        {
            [MetricNames.Prefixed(Name, "pearson")] = Correlation.Pearson(predicted, Scores),
            [PrimaryMetric] = Correlation.Spearman(predicted, Scores),
        };
    }
}
