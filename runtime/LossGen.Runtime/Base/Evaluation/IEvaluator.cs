using System.Collections.Generic;

namespace LossGen.Evaluation;

/// <summary>
/// An evaluator as sentence-transformers' trainers see it, for a model family: metrics under sentence-transformers'
/// names, prefixed with the evaluator's name (<c>sts-dev_spearman_cosine</c>), and the one metric that picks the best
/// checkpoint.
/// </summary>
/// <typeparam name="TModel">The model family it evaluates.</typeparam>
public interface IEvaluator<in TModel>
{
    /// <summary>The name that prefixes every metric; empty for none.</summary>
    string Name { get; }

    /// <summary>The prefixed name of the metric that ranks checkpoints (higher is better).</summary>
    string PrimaryMetric { get; }

    /// <summary>Evaluates <paramref name="model"/>; the keys are prefixed metric names.</summary>
    IReadOnlyDictionary<string, double> Compute(TModel model);

    /// <summary>What it measures, as the model card's heading: sentence-transformers' description of the evaluator (<see cref="EvaluationResult.DescribeType"/> by default).</summary>
    string Description => EvaluationResult.DescribeType(GetType());

    /// <summary>
    /// The evaluators whose results the model card shows apart: this one, or the members of a sequence, each run on
    /// its own (<see cref="EvaluationRuns"/>).
    /// </summary>
    IReadOnlyList<IEvaluator<TModel>> Members => [this];
}
