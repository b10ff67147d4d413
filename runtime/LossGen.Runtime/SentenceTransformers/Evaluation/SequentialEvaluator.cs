using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;

namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>
/// sentence-transformers' SequentialEvaluator: runs several evaluators and reports all their metrics; the primary
/// metric is the last evaluator's, as the reference's default <c>main_score_function</c> picks.
/// </summary>
/// <param name="Evaluators">The evaluators, run in order; their metric names must not collide.</param>
public sealed record SequentialEvaluator(IReadOnlyList<ISentenceEvaluator> Evaluators) : ISentenceEvaluator
{
    /// <inheritdoc />
    public string Name => string.Empty;

    /// <inheritdoc />
    public string PrimaryMetric => Evaluators.Count > 0 ? Evaluators[^1].PrimaryMetric : throw new InvalidOperationException("SequentialEvaluator has no evaluators.");

    /// <inheritdoc />
    public IReadOnlyList<IEvaluator<SentenceTransformer>> Members => [.. Evaluators];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(SentenceTransformer model) => EvaluationRuns.Run(this, model).Metrics;
}
