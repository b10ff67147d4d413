using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Training;
using LossGen.Training;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers;

/// <summary>
/// Trains a <see cref="SentenceTransformer"/> with one or more losses, as sentence-transformers' trainer does: AdamW,
/// linear warmup and decay, gradient clipping, gradient accumulation, and the parameters the losses own (a classifier,
/// a learnable scale) trained together with the model.
/// </summary>
public sealed class SentenceTransformerTrainer : IDisposable
{
    private readonly AdamWOptimizer _optimizer;
    private readonly IDisposable _heap;
    private readonly LinearWarmupSchedule _schedule;
    private readonly TrainingPlan? _plan;

    /// <summary>
    /// Creates a trainer for <paramref name="totalSteps"/> steps over the model and every loss's own parameters; the
    /// caller forms the batches and passes them to <see cref="Train(IEnumerable{ValueTuple{IEnumerable{TextBatch}, SentenceLoss}}, Action{StepReport}?, string?, int)"/>.
    /// Prefer the constructors taking datasets, which derive the steps and form the batches as sentence-transformers does.
    /// </summary>
    public SentenceTransformerTrainer(SentenceTransformer model, IEnumerable<SentenceLoss> losses, int totalSteps, TrainingArguments? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        Model = model;
        Arguments = arguments ?? new TrainingArguments();
        ArgumentOutOfRangeException.ThrowIfLessThan(Arguments.GradientAccumulationSteps, 1, nameof(TrainingArguments.GradientAccumulationSteps));
        Losses = losses.Distinct().ToArray();
        IEnumerable<(string, Parameter)> parameters = model.named_parameters()
            .Concat(Losses.SelectMany((loss, i) => loss.named_parameters().Select(p => ($"loss{i}.{p.name}", p.parameter))));
        _optimizer = new AdamWOptimizer(parameters, Arguments.WeightDecay);
        _schedule = Arguments.WarmupSteps > 0
            ? new LinearWarmupSchedule(Arguments.LearningRate, Arguments.WarmupSteps, totalSteps)
            : LinearWarmupSchedule.WithWarmupRatio(Arguments.LearningRate, Arguments.WarmupRatio, totalSteps);
        TotalSteps = totalSteps;
        _heap = Arguments.KeepLargeBlocksInHeap ? Cpu.TrainingHeap.Enter() : new Backbones.ScopeExit(() => { });
    }

    /// <summary>
    /// Creates a trainer for <paramref name="trainDataset"/> with <paramref name="loss"/>, as sentence-transformers'
    /// <c>SentenceTransformerTrainer(model, args, train_dataset, loss)</c> does: the dataset is checked against the loss
    /// now (columns, labels), the step count is derived from the epochs, batch size, sampler and gradient accumulation
    /// (or <see cref="TrainingArguments.MaxSteps"/>), and the global generator is seeded with <see cref="TrainingArguments.Seed"/>.
    /// Call <see cref="Train(Action{StepReport}?, string?)"/> to run it.
    /// </summary>
    /// <param name="model">The model to train.</param>
    /// <param name="trainDataset">The training data, in sentence-transformers' column convention.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="arguments">The settings; sentence-transformers' defaults when <c>null</c>.</param>
    /// <param name="evaluator">Run at <see cref="TrainingArguments.EvalSteps"/> and after the last step; <see cref="Evaluation"/> keeps its results and the best weights.</param>
    public SentenceTransformerTrainer(SentenceTransformer model, SentenceDataset trainDataset, SentenceLoss loss, TrainingArguments? arguments = null, ISentenceEvaluator? evaluator = null)
        : this(model, Plan(model, TrainingPlan.Single(trainDataset ?? throw new ArgumentNullException(nameof(trainDataset)), loss ?? throw new ArgumentNullException(nameof(loss))), arguments, evaluator), arguments, evaluator)
    {
    }

    /// <summary>
    /// Creates a trainer for several named datasets, each with its loss (sentence-transformers' <c>DatasetDict</c>
    /// with a dictionary of losses), interleaved by <see cref="TrainingArguments.MultiDatasetBatchSampler"/>. The
    /// datasets are taken in the dictionary's enumeration order (for <see cref="Dictionary{TKey, TValue}"/>, the order
    /// they were added in), which is part of the batch order.
    /// </summary>
    /// <param name="model">The model to train.</param>
    /// <param name="trainDatasets">The training datasets by name.</param>
    /// <param name="losses">The loss of each dataset, by the same names.</param>
    /// <param name="arguments">The settings; sentence-transformers' defaults when <c>null</c>.</param>
    /// <param name="evaluator">Run at <see cref="TrainingArguments.EvalSteps"/> and after the last step.</param>
    public SentenceTransformerTrainer(SentenceTransformer model, IReadOnlyDictionary<string, SentenceDataset> trainDatasets, IReadOnlyDictionary<string, SentenceLoss> losses, TrainingArguments? arguments = null, ISentenceEvaluator? evaluator = null)
        : this(model, Plan(model, Pairs(trainDatasets, losses), arguments, evaluator), arguments, evaluator)
    {
    }

    private SentenceTransformerTrainer(SentenceTransformer model, TrainingPlan plan, TrainingArguments? arguments, ISentenceEvaluator? evaluator)
        : this(model, plan.Sources.Select(s => s.Loss), plan.TotalSteps, arguments)
    {
        _plan = plan;
        Evaluation = evaluator is null ? null : new EvaluationTracker(model, evaluator, Arguments.MetricForBestModel);
        model.ModelCardData.RecordTraining(plan.Sources.Select(s => (s.Name, s.Dataset, s.Loss)), Arguments);
        manual_seed(Arguments.Seed);
    }

    /// <summary>Evaluation while training, when the trainer was given an evaluator.</summary>
    public EvaluationTracker? Evaluation { get; }

    /// <summary>What sees the run as it goes (progress, logs, evaluations, checkpoints); add before calling Train.</summary>
    public IList<ITrainerCallback> Callbacks { get; } = new List<ITrainerCallback>();

    /// <summary>The model being trained.</summary>
    public SentenceTransformer Model { get; }

    /// <summary>The losses whose parameters are trained too.</summary>
    public IReadOnlyList<SentenceLoss> Losses { get; }

    /// <summary>The settings.</summary>
    public TrainingArguments Arguments { get; }

    /// <summary>Optimizer steps in all.</summary>
    public int TotalSteps { get; }

    /// <summary>Optimizer steps done.</summary>
    public int CompletedSteps => _optimizer.StepCount;

    /// <summary>The optimizer (for checkpoints).</summary>
    public AdamWOptimizer Optimizer => _optimizer;

    /// <summary>One step on one batch: loss, backward, clipping, scheduled AdamW update.</summary>
    public StepReport Step(SentenceLoss loss, TextBatch batch)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batch);
        return Step([(loss, () => batch)]);
    }

    /// <summary>
    /// Trains round-robin over <paramref name="objectives"/>: one batch of the first, one of the second, and so on,
    /// until <see cref="TotalSteps"/> or every source is exhausted, <see cref="TrainingArguments.GradientAccumulationSteps"/>
    /// consecutive batches to a step; <paramref name="onStep"/> sees each step's report. With
    /// <paramref name="checkpointDirectory"/>, a checkpoint is written every <paramref name="checkpointEvery"/> steps.
    /// After <see cref="TrainingCheckpoint.Restore"/>, the steps already trained are skipped, so a resumed run continues
    /// where the interrupted one stopped.
    /// </summary>
    public IReadOnlyList<StepReport> Train(
        IEnumerable<(IEnumerable<TextBatch> Batches, SentenceLoss Loss)> objectives,
        Action<StepReport>? onStep = null,
        string? checkpointDirectory = null,
        int checkpointEvery = 100)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointEvery, 1);
        IEnumerable<TrainingUpdate> updates = RoundRobin(objectives).Chunk(Arguments.GradientAccumulationSteps)
            .Select(group => new TrainingUpdate(double.NaN, group.Select(b => (b.Loss, (Func<TextBatch>)(() => b.Batch))).ToArray()));
        return Run(updates, onStep, checkpointDirectory is null ? null : _ => checkpointDirectory, checkpointEvery, rotate: false);
    }

    /// <summary>
    /// Trains on the datasets given at construction: <see cref="TrainingArguments.NumTrainEpochs"/> epochs (or
    /// <see cref="TrainingArguments.MaxSteps"/> steps) of batches formed as sentence-transformers forms them, with
    /// evaluation at <see cref="TrainingArguments.EvalSteps"/>, checkpoints under <see cref="TrainingArguments.OutputDir"/>
    /// every <see cref="TrainingArguments.SaveSteps"/>, logs every <see cref="TrainingArguments.LoggingSteps"/>, and the
    /// best model restored at the end when <see cref="TrainingArguments.LoadBestModelAtEnd"/> is set.
    /// </summary>
    /// <param name="onStep">Sees each step's report (a shorthand for a callback's <see cref="ITrainerCallback.OnStepEnd"/>).</param>
    /// <param name="resumeFromCheckpoint">A <c>checkpoint-{step}</c> folder of an interrupted run with the same data and arguments: its model weights,
    /// optimizer, step count and random state are restored and its steps skipped.</param>
    public IReadOnlyList<StepReport> Train(Action<StepReport>? onStep = null, string? resumeFromCheckpoint = null)
    {
        if (_plan is not { } plan)
        {
            throw new InvalidOperationException("This trainer was created without a dataset; pass the batches to Train(objectives).");
        }

        if (resumeFromCheckpoint is not null)
        {
            TrainingCheckpoint.RestoreWithModel(this, resumeFromCheckpoint);
        }

        Func<int, string>? checkpoint = Arguments.OutputDir is { } output ? step => Path.Combine(output, $"checkpoint-{step}") : null;
        IReadOnlyList<StepReport> reports = Run(plan.Updates(), onStep, checkpoint, Arguments.SaveSteps, rotate: true);
        if (Arguments.LoadBestModelAtEnd)
        {
            Evaluation!.RestoreBest();
        }

        return reports;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        Evaluation?.Dispose();
        _heap.Dispose();
    }

    private IReadOnlyList<StepReport> Run(IEnumerable<TrainingUpdate> updates, Action<StepReport>? onStep, Func<int, string>? checkpointFolder, int saveEvery, bool rotate)
    {
        var reports = new List<StepReport>();
        var clock = Stopwatch.StartNew();
        var logged = new List<double>();
        double epoch = 0;
        TrainerState State() => new(CompletedSteps, TotalSteps, epoch, clock.Elapsed);
        using IEnumerator<TrainingUpdate> stream = updates.GetEnumerator();
        // The batch order is deterministic, so the steps already done are replayed without being collated.
        for (int skipped = 0; skipped < CompletedSteps && stream.MoveNext(); skipped++)
        {
            epoch = stream.Current.Epoch;
        }

        ForEachCallback(c => c.OnTrainBegin(State()));
        Backbones.MatmulPrecision precision = Model.Transformer.MatmulPrecision;
        Backbones.DropoutSampler sampler = Model.Transformer.DropoutSampler;
        if (Arguments.Bf16)
        {
            Model.Transformer.MatmulPrecision = Backbones.MatmulPrecision.BFloat16;
        }

        if (Arguments.DropoutSampler != Backbones.DropoutSampler.Libtorch)
        {
            Model.Transformer.DropoutSampler = Arguments.DropoutSampler;
        }

        Model.SetTraining(true);
        try
        {
            while (CompletedSteps < TotalSteps && stream.MoveNext())
            {
                epoch = stream.Current.Epoch;
                if (stream.Current.BeginsEpoch)
                {
                    DataLoaderSeed.Draw();
                }

                StepReport report = Step(stream.Current.Batches);
                reports.Add(report);
                logged.Add(report.Loss);
                bool last = CompletedSteps == TotalSteps;
                onStep?.Invoke(report);
                ForEachCallback(c => c.OnStepEnd(State(), report));
                if (last || CompletedSteps % Arguments.LoggingSteps == 0)
                {
                    var logs = new Dictionary<string, double> { ["loss"] = logged.Average(), ["grad_norm"] = report.GradNormBeforeClip, ["learning_rate"] = report.LearningRate };
                    if (!double.IsNaN(epoch))
                    {
                        // Caller-formed batches have no epochs to count.
                        logs["epoch"] = epoch;
                    }

                    logged.Clear();
                    Model.ModelCardData.RecordLog(CompletedSteps, logs);
                    ForEachCallback(c => c.OnLog(State(), logs));
                }

                if (Evaluation is not null && (last || (Arguments.EvalSteps is int every && CompletedSteps % every == 0)))
                {
                    IReadOnlyDictionary<string, double> metrics = Evaluation.Evaluate(CompletedSteps);
                    Model.ModelCardData.RecordEvaluation(CompletedSteps, epoch, metrics);
                    ForEachCallback(c => c.OnEvaluate(State(), metrics));
                }

                if (checkpointFolder is not null && (last || CompletedSteps % saveEvery == 0))
                {
                    string folder = checkpointFolder(CompletedSteps);
                    TrainingCheckpoint.Save(this, folder);
                    if (rotate)
                    {
                        RemoveOldCheckpoints(folder);
                    }

                    ForEachCallback(c => c.OnSave(State(), folder));
                }
            }
        }
        finally
        {
            Model.SetTraining(false);
            Model.Transformer.MatmulPrecision = precision;
            Model.Transformer.DropoutSampler = sampler;
        }

        ForEachCallback(c => c.OnTrainEnd(State()));
        return reports;
    }

    private StepReport Step(IReadOnlyList<(SentenceLoss Loss, Func<TextBatch> Batch)> batches)
    {
        if (CompletedSteps >= TotalSteps)
        {
            throw new InvalidOperationException($"The trainer was created for {TotalSteps} steps; all are done.");
        }

        int step = CompletedSteps;
        _optimizer.ZeroGrad();
        double sum = 0;
        foreach ((SentenceLoss loss, Func<TextBatch> batch) in batches)
        {
            // One scope per batch: its activations are freed once its gradients are accumulated.
            using var scope = NewDisposeScope();
            Tensor value = loss.Compute(batch());
            double scalar = value.item<float>();
            if (!double.IsFinite(scalar))
            {
                throw new InvalidOperationException($"{loss.Descriptor.Name} returned {scalar} at step {step}; the update was not applied.");
            }

            (batches.Count == 1 ? value : value / batches.Count).backward();
            sum += scalar;
        }

        using (NewDisposeScope())
        {
            double norm = GradientClipping.ClipByNorm(_optimizer.Parameters, Arguments.MaxGradNorm);
            double learningRate = _schedule.LearningRate(step);
            _optimizer.Step(learningRate);
            return new StepReport(step, sum / batches.Count, norm, learningRate);
        }
    }

    private void ForEachCallback(Action<ITrainerCallback> action)
    {
        foreach (ITrainerCallback callback in Callbacks)
        {
            action(callback);
        }
    }

    // transformers' save_total_limit: the oldest checkpoint-{step} folders beyond the limit go.
    private void RemoveOldCheckpoints(string written)
    {
        if (Arguments.SaveTotalLimit is not int limit || Path.GetDirectoryName(written) is not { } parent)
        {
            return;
        }

        string[] old = TrainingCheckpoint.Checkpoints(parent).Skip(Math.Max(limit, 1)).ToArray();
        Array.ForEach(old, d => Directory.Delete(d, recursive: true));
    }

    private static IEnumerable<(SentenceLoss Loss, TextBatch Batch)> RoundRobin(IEnumerable<(IEnumerable<TextBatch> Batches, SentenceLoss Loss)> objectives)
    {
        var sources = objectives.Select(o => (Batches: o.Batches.GetEnumerator(), o.Loss)).ToList();
        try
        {
            while (sources.Count > 0)
            {
                foreach (var source in sources.ToArray())
                {
                    if (source.Batches.MoveNext())
                    {
                        yield return (source.Loss, source.Batches.Current);
                    }
                    else
                    {
                        sources.Remove(source);
                    }
                }
            }
        }
        finally
        {
            sources.ForEach(s => s.Batches.Dispose());
        }
    }

    private static IReadOnlyList<(string, SentenceDataset, SentenceLoss)> Pairs(IReadOnlyDictionary<string, SentenceDataset> datasets, IReadOnlyDictionary<string, SentenceLoss> losses)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(losses);
        if (datasets.Count == 0)
        {
            throw new ArgumentException("No training dataset was given.", nameof(datasets));
        }

        string[] unmatched = datasets.Keys.Except(losses.Keys).Concat(losses.Keys.Except(datasets.Keys)).ToArray();
        if (unmatched.Length > 0)
        {
            throw new ArgumentException($"The training datasets [{string.Join(", ", datasets.Keys)}] and the losses [{string.Join(", ", losses.Keys)}] must have the same names; unmatched: [{string.Join(", ", unmatched)}].", nameof(losses));
        }

        return datasets.Select(d => (d.Key, d.Value, losses[d.Key])).ToArray();
    }

    // Everything refusable is checked here, before the base constructor allocates the optimizer.
    private static TrainingPlan Plan(SentenceTransformer model, IReadOnlyList<(string, SentenceDataset, SentenceLoss)> datasets, TrainingArguments? arguments, ISentenceEvaluator? evaluator)
    {
        ArgumentNullException.ThrowIfNull(model);
        arguments ??= new TrainingArguments();
        if (arguments.LoadBestModelAtEnd && evaluator is null)
        {
            throw new ArgumentException("LoadBestModelAtEnd needs an evaluator to pick the best model.", nameof(arguments));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.SaveSteps, 1, nameof(TrainingArguments.SaveSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.LoggingSteps, 1, nameof(TrainingArguments.LoggingSteps));
        if (arguments.EvalSteps is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(arguments), arguments.EvalSteps, "TrainingArguments.EvalSteps must be at least 1.");
        }

        return TrainingPlan.Create(model, datasets, arguments);
    }
}
