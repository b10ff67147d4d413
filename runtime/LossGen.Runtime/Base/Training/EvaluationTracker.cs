using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Training;

/// <summary>
/// Evaluation while training: runs the evaluator at the eval steps, keeps every result, and keeps an in-memory copy of
/// the model's weights at the best value of the watched metric, so that the best model can be restored at the end
/// (sentence-transformers' <c>eval_steps</c>, <c>metric_for_best_model</c>, <c>load_best_model_at_end</c>).
/// </summary>
/// <typeparam name="TModel">The model family.</typeparam>
public class EvaluationTracker<TModel> : IDisposable
    where TModel : nn.Module
{
    private readonly TModel _model;
    private readonly Action<bool> _setTraining;
    private readonly List<(int Step, IReadOnlyDictionary<string, double> Metrics)> _history = [];
    private Dictionary<string, Tensor>? _best;

    /// <summary>
    /// Creates a tracker for <paramref name="model"/> watching <paramref name="metric"/> (the evaluator's primary metric
    /// by default); <paramref name="setTraining"/> switches the model between training and inference (<c>train(bool)</c> by default).
    /// </summary>
    public EvaluationTracker(TModel model, IEvaluator<TModel> evaluator, string? metric = null, Action<bool>? setTraining = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(evaluator);
        _model = model;
        _setTraining = setTraining ?? (on => model.train(on));
        Evaluator = evaluator;
        Metric = metric ?? evaluator.PrimaryMetric;
    }

    /// <summary>The evaluator.</summary>
    public IEvaluator<TModel> Evaluator { get; }

    /// <summary>The metric that ranks checkpoints (higher is better).</summary>
    public string Metric { get; }

    /// <summary>Every evaluation so far: the step after which it ran and its metrics.</summary>
    public IReadOnlyList<(int Step, IReadOnlyDictionary<string, double> Metrics)> History => _history;

    /// <summary>The latest evaluation, evaluator by evaluator (a sequence's members apart), for the model card.</summary>
    public IReadOnlyList<EvaluationResult> LastResults { get; private set; } = [];

    /// <summary>The step of the best evaluation so far, or <c>null</c> before the first.</summary>
    public int? BestStep { get; private set; }

    /// <summary>The watched metric's best value so far.</summary>
    public double BestValue { get; private set; } = double.NegativeInfinity;

    /// <summary>Evaluates the model in inference mode after <paramref name="step"/> steps and keeps its weights if they are the best yet.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(int step)
    {
        bool training = _model.training;
        _setTraining(false);
        IReadOnlyDictionary<string, double> metrics;
        using (no_grad())
        {
            (metrics, LastResults) = EvaluationRuns.Run(Evaluator, _model);
        }

        _setTraining(training);
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
    public void Dispose()
    {
        DisposeBest();
        GC.SuppressFinalize(this);
    }

    private void DisposeBest()
    {
        foreach (Tensor tensor in _best?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }

        _best = null;
    }
}
