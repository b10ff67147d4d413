using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Training;

/// <summary>
/// Evaluation while training: runs the evaluator at the eval steps, keeps every result, and keeps an in-memory copy of
/// the model's weights at the best value of the watched metric, so that the best model can be restored at the end
/// (sentence-transformers' <c>eval_steps</c>, <c>metric_for_best_model</c>, <c>load_best_model_at_end</c>).
/// </summary>
public sealed class EvaluationTracker : IDisposable
{
    private readonly SentenceTransformer _model;
    private readonly List<(int Step, IReadOnlyDictionary<string, double> Metrics)> _history = [];
    private Dictionary<string, Tensor>? _best;

    /// <summary>Creates a tracker for <paramref name="model"/> watching <paramref name="metric"/> (the evaluator's primary metric by default).</summary>
    public EvaluationTracker(SentenceTransformer model, ISentenceEvaluator evaluator, string? metric = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(evaluator);
        _model = model;
        Evaluator = evaluator;
        Metric = metric ?? evaluator.PrimaryMetric;
    }

    /// <summary>The evaluator.</summary>
    public ISentenceEvaluator Evaluator { get; }

    /// <summary>The metric that ranks checkpoints (higher is better).</summary>
    public string Metric { get; }

    /// <summary>Every evaluation so far: the step after which it ran and its metrics.</summary>
    public IReadOnlyList<(int Step, IReadOnlyDictionary<string, double> Metrics)> History => _history;

    /// <summary>The step of the best evaluation so far, or <c>null</c> before the first.</summary>
    public int? BestStep { get; private set; }

    /// <summary>The watched metric's best value so far.</summary>
    public double BestValue { get; private set; } = double.NegativeInfinity;

    /// <summary>Evaluates the model in inference mode after <paramref name="step"/> steps and keeps its weights if they are the best yet.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(int step)
    {
        bool training = _model.training;
        _model.SetTraining(false);
        IReadOnlyDictionary<string, double> metrics;
        using (no_grad())
        {
            metrics = Evaluator.Compute(_model);
        }

        _model.SetTraining(training);
        if (!metrics.TryGetValue(Metric, out double value))
        {
            throw new InvalidOperationException($"The evaluator reports [{string.Join(", ", metrics.Keys)}], not the metric for the best model '{Metric}'.");
        }

        _history.Add((step, metrics));
        if (value > BestValue)
        {
            BestValue = value;
            BestStep = step;
            DisposeBest();
            // Detached from any dispose scope the caller trains in: the copy must outlive it until Dispose.
            _best = _model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
        }

        return metrics;
    }

    /// <summary>Loads the weights of the best evaluation into the model.</summary>
    public void RestoreBest()
    {
        if (_best is null)
        {
            throw new InvalidOperationException("No evaluation has run, so there is no best model to restore.");
        }

        _model.load_state_dict(_best);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeBest();

    private void DisposeBest()
    {
        foreach (Tensor tensor in _best?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }

        _best = null;
    }
}
