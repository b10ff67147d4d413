using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LossGen.Evaluation;

/// <summary>
/// One evaluator's latest metrics as the model card shows them (sentence-transformers' <c>eval_results_dict</c> entry):
/// the metrics without the evaluator's name prefix, the primary one marked.
/// </summary>
/// <param name="EvaluatorType">The evaluator's type (its name links into sentence-transformers' evaluator reference when it is LossGen's).</param>
/// <param name="Description">What it measures, as the card's heading (<c>Semantic Similarity</c>).</param>
/// <param name="Name">The evaluator's name, which the card gives as the dataset; empty for none.</param>
/// <param name="Metrics">The metrics, in the evaluator's order, without the <c>{Name}_</c> prefix.</param>
/// <param name="PrimaryMetric">The primary metric, without the prefix.</param>
/// <param name="PrimaryMetricKey">The primary metric as the evaluator reports it (with the prefix), which the training log shows.</param>
public sealed record EvaluationResult(Type EvaluatorType, string Description, string Name, IReadOnlyList<KeyValuePair<string, double>> Metrics, string PrimaryMetric, string PrimaryMetricKey)
{
    /// <summary>
    /// The result of <paramref name="evaluator"/> reporting <paramref name="metrics"/>: the name prefix is dropped where
    /// every metric carries it, as sentence-transformers' model card does.
    /// </summary>
    public static EvaluationResult Of<TModel>(IEvaluator<TModel> evaluator, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(metrics);
        string prefix = evaluator.Name + "_";
        bool prefixed = evaluator.Name.Length > 0 && metrics.Keys.All(k => k.StartsWith(prefix, StringComparison.Ordinal));
        string Bare(string key) => prefixed && key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : key;
        return new EvaluationResult(
            evaluator.GetType(),
            evaluator.Description,
            evaluator.Name,
            [.. metrics.Select(m => new KeyValuePair<string, double>(Bare(m.Key), m.Value))],
            Bare(evaluator.PrimaryMetric),
            evaluator.PrimaryMetric);
    }

    /// <summary>
    /// sentence-transformers' default description of an evaluator type: <c>BinaryClassificationEvaluator</c> →
    /// <c>Binary Classification</c> (the name up to <c>Evaluator</c>, a space before each inner capital).
    /// </summary>
    public static string DescribeType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        name = tick >= 0 ? name[..tick] : name;
        int evaluator = name.IndexOf("Evaluator", StringComparison.Ordinal);
        name = evaluator >= 0 ? name[..evaluator] : name;
        return Regex.Replace(name, "([a-z])([A-Z])", "$1 $2");
    }
}
