using LossGen.SentenceTransformers.Evaluation;
using LossGen.Training;

namespace LossGen.SentenceTransformers.Training;

/// <summary>Evaluation while training a <see cref="SentenceTransformer"/> (see <see cref="EvaluationTracker{TModel}"/>).</summary>
public sealed class EvaluationTracker : EvaluationTracker<SentenceTransformer>
{
    /// <summary>Creates a tracker for <paramref name="model"/> watching <paramref name="metric"/> (the evaluator's primary metric by default).</summary>
    public EvaluationTracker(SentenceTransformer model, ISentenceEvaluator evaluator, string? metric = null)
        : base(model, evaluator, metric, training => model?.SetTraining(training))
    {
    }
}
