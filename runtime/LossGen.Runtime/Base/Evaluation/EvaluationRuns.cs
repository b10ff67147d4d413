using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Evaluation;

/// <summary>
/// Runs an evaluator as sentence-transformers' trainer does: a sequence runs each of its members, whose metrics are
/// merged under their own names and kept apart for the model card.
/// </summary>
public static class EvaluationRuns
{
    /// <summary>Runs every member of <paramref name="evaluator"/> (itself when it has none) on <paramref name="model"/>.</summary>
    /// <returns>All metrics, merged, and each member's result.</returns>
    /// <exception cref="InvalidOperationException">Two members report a metric of the same name.</exception>
    public static (IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<EvaluationResult> Results) Run<TModel>(IEvaluator<TModel> evaluator, TModel model)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var merged = new Dictionary<string, double>(StringComparer.Ordinal);
        var results = new List<EvaluationResult>();
        foreach (IEvaluator<TModel> member in Leaves(evaluator))
        {
            IReadOnlyDictionary<string, double> metrics = member.Compute(model);
            foreach ((string metric, double value) in metrics)
            {
                if (!merged.TryAdd(metric, value))
                {
                    throw new InvalidOperationException($"{evaluator.GetType().Name}: two evaluators report '{metric}'; give them different names.");
                }
            }

            results.Add(EvaluationResult.Of(member, metrics));
        }

        return (merged, results);
    }

    private static IEnumerable<IEvaluator<TModel>> Leaves<TModel>(IEvaluator<TModel> evaluator) =>
        evaluator.Members is [var only] && ReferenceEquals(only, evaluator) ? [evaluator] : evaluator.Members.SelectMany(Leaves);
}
