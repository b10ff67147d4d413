using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

using LossGen.Distributed;
using LossGen.Serialization;

namespace LossGen.Training;

/// <summary>
/// What every family's trainer shares, as sentence-transformers' base trainer: AdamW over the model and the parameters
/// the losses own, linear warmup and decay, gradient clipping and accumulation, the step loop with its logs,
/// evaluations, checkpoints and callbacks. A family's trainer says how a loss computes a batch, how its model enters
/// training, and what it records and saves.
/// </summary>
/// <typeparam name="TModel">The family's model type.</typeparam>
/// <typeparam name="TLoss">The family's loss type.</typeparam>
/// <typeparam name="TBatch">The batch its losses compute.</typeparam>
public abstract class TrainerCore<TModel, TLoss, TBatch> : IDisposable
    where TModel : nn.Module
    where TLoss : nn.Module
{
    // The one component of a loss that returns a tensor, and the key of the summed loss in the logs.
    private const string LossKey = "loss";

    private readonly AdamWOptimizer _optimizer;
    private readonly IDisposable _heap;
    private readonly LinearWarmupSchedule _schedule;

    /// <summary>Creates the optimizer and schedule for <paramref name="totalSteps"/> steps over <paramref name="model"/> and every loss's own parameters.</summary>
    protected TrainerCore(TModel model, IEnumerable<TLoss> losses, int totalSteps, TrainingArguments? arguments)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        Arguments = arguments ?? new TrainingArguments();
        ArgumentOutOfRangeException.ThrowIfLessThan(Arguments.GradientAccumulationSteps, 1, nameof(TrainingArguments.GradientAccumulationSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(Arguments.DdpBucketCapMb, 1, nameof(TrainingArguments.DdpBucketCapMb));
        Losses = losses.Distinct().ToArray();
        IEnumerable<(string, Parameter)> parameters = model.named_parameters()
            .Concat(Losses.SelectMany((loss, i) => loss.named_parameters().Select(p => ($"loss{i}.{p.name}", p.parameter))));
        _optimizer = new AdamWOptimizer(parameters, Arguments.WeightDecay);
        _schedule = Arguments.WarmupSteps > 0
            ? new LinearWarmupSchedule(Arguments.LearningRate, Arguments.WarmupSteps, totalSteps)
            : LinearWarmupSchedule.WithWarmupRatio(Arguments.LearningRate, Arguments.WarmupRatio, totalSteps);
        TotalSteps = totalSteps;
        _heap = Arguments.KeepLargeBlocksInHeap ? Cpu.TrainingHeap.Enter() : new Backbones.ScopeExit(() => { });
        ProcessGroup = Arguments.ProcessGroup ?? Distributed.ProcessGroups.FromEnvironment();
    }

    /// <summary>The processes of a data-parallel run, or <c>null</c> for a single process.</summary>
    public Distributed.IProcessGroup? ProcessGroup { get; }

    /// <summary>Whether this process logs, evaluates and writes checkpoints: rank 0, or the only process.</summary>
    public bool IsMainProcess => ProcessGroup is null || ProcessGroup.Rank == 0;

    /// <summary>Every rank's generator state while the run writes a checkpoint (<c>null</c> otherwise: only this process's is saved).</summary>
    internal IReadOnlyList<byte[]>? GeneratorStatesToSave { get; private set; }

    /// <summary>The model being trained.</summary>
    public TModel Model { get; }

    /// <summary>Evaluation while training, when the trainer was given an evaluator.</summary>
    public EvaluationTracker<TModel>? Evaluation { get; protected set; }

    /// <summary>What sees the run as it goes (progress, logs, evaluations, checkpoints); add before calling Train.</summary>
    public IList<ITrainerCallback> Callbacks { get; } = new List<ITrainerCallback>();

    /// <summary>The losses whose parameters are trained too.</summary>
    public IReadOnlyList<TLoss> Losses { get; }

    /// <summary>The settings.</summary>
    public TrainingArguments Arguments { get; }

    /// <summary>Optimizer steps in all.</summary>
    public int TotalSteps { get; }

    /// <summary>Optimizer steps done.</summary>
    public int CompletedSteps => _optimizer.StepCount;

    /// <summary>The optimizer (for checkpoints).</summary>
    public AdamWOptimizer Optimizer => _optimizer;

    /// <summary>One step on one batch: loss, backward, clipping, scheduled AdamW update.</summary>
    public StepReport Step(TLoss loss, TBatch batch)
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
    /// </summary>
    public IReadOnlyList<StepReport> Train(
        IEnumerable<(IEnumerable<TBatch> Batches, TLoss Loss)> objectives,
        Action<StepReport>? onStep = null,
        string? checkpointDirectory = null,
        int checkpointEvery = 100)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointEvery, 1);
        IEnumerable<TrainingUpdate<TLoss, TBatch>> updates = RoundRobin(objectives).Chunk(Arguments.GradientAccumulationSteps)
            .Select(group => new TrainingUpdate<TLoss, TBatch>(double.NaN, group.Select(b => (b.Loss, (Func<TBatch>)(() => b.Batch))).ToArray()));
        return Run(updates, onStep, checkpointDirectory is null ? null : _ => checkpointDirectory, checkpointEvery, rotate: false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the optimizer and the heap policy; a family's trainer releases its own state too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _optimizer.Dispose();
            _heap.Dispose();
            Evaluation?.Dispose();
        }
    }

    /// <summary>The loss of one batch, with a graph.</summary>
    protected abstract Tensor Compute(TLoss loss, TBatch batch);

    /// <summary>
    /// This process's share of a batch of a data-parallel run: the <paramref name="rank"/>-th of <paramref name="size"/>
    /// contiguous parts. A family whose batches cannot be split refuses data-parallel training here.
    /// </summary>
    protected virtual TBatch Shard(TBatch batch, int rank, int size) =>
        throw new NotSupportedException($"{GetType().Name} does not train data-parallel: it cannot split its batches across processes.");

    /// <summary>
    /// The loss of <paramref name="batch"/> as named components, which the step sums and the logs show one by one (as
    /// sentence-transformers does with a loss that returns a dict); one component, <c>"loss"</c>, by default.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, Tensor> ComputeComponents(TLoss loss, TBatch batch) =>
        new Dictionary<string, Tensor>(StringComparer.Ordinal) { [LossKey] = Compute(loss, batch) };

    /// <summary>
    /// A hash of the training rows, which the ranks of a data-parallel run compare at the start; 0 (nothing to compare)
    /// where the caller forms the batches.
    /// </summary>
    protected virtual long DataFingerprint() => 0;

    /// <summary>The loss's sentence-transformers name, for messages.</summary>
    protected abstract string NameOf(TLoss loss);

    /// <summary>Puts the model in training mode (and its speed settings) for the run; disposing restores it.</summary>
    protected abstract IDisposable EnterTraining();

    /// <summary>The model card the run's logs and evaluations are kept in, or <c>null</c> to keep none.</summary>
    protected virtual ModelCardData? ModelCard => null;

    /// <summary>Writes a checkpoint of the run to <paramref name="folder"/>.</summary>
    protected abstract void SaveCheckpoint(string folder);

    /// <summary>
    /// Runs a plan over datasets: checkpoints under <see cref="TrainingArguments.OutputDir"/> as <c>checkpoint-{step}</c>
    /// every <see cref="TrainingArguments.SaveSteps"/> (the oldest beyond <see cref="TrainingArguments.SaveTotalLimit"/>
    /// removed), and the best model restored at the end when <see cref="TrainingArguments.LoadBestModelAtEnd"/> is set.
    /// </summary>
    protected IReadOnlyList<StepReport> RunPlan(IEnumerable<TrainingUpdate<TLoss, TBatch>> updates, Action<StepReport>? onStep)
    {
        Func<int, string>? checkpoint = Arguments.OutputDir is { } output ? step => Path.Combine(output, $"checkpoint-{step}") : null;
        IReadOnlyList<StepReport> reports = Run(updates, onStep, checkpoint, Arguments.SaveSteps, rotate: true);
        if (Arguments.LoadBestModelAtEnd)
        {
            // Rank 0 evaluated; its best weights become every rank's.
            if (IsMainProcess)
            {
                Evaluation!.RestoreBest();
            }

            DataParallel.BroadcastParameters(ProcessGroup, Model, Losses);
        }

        return reports;
    }

    /// <summary>
    /// Runs <paramref name="updates"/> until <see cref="TotalSteps"/>: the steps already done (a resumed run) are skipped
    /// without collating, and logs, evaluations, checkpoints (the oldest beyond <see cref="TrainingArguments.SaveTotalLimit"/>
    /// removed when <paramref name="rotate"/>) and callbacks follow each step.
    /// </summary>
    protected IReadOnlyList<StepReport> Run(IEnumerable<TrainingUpdate<TLoss, TBatch>> updates, Action<StepReport>? onStep, Func<int, string>? checkpointFolder, int saveEvery, bool rotate)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var reports = new List<StepReport>();
        var clock = Stopwatch.StartNew();
        var logged = new List<double>();
        var loggedComponents = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        double epoch = 0;
        TrainerState State() => new(CompletedSteps, TotalSteps, epoch, clock.Elapsed);
        using IEnumerator<TrainingUpdate<TLoss, TBatch>> stream = updates.GetEnumerator();
        // The batch order is deterministic, so the steps already done are replayed without being collated.
        for (int skipped = 0; skipped < CompletedSteps && stream.MoveNext(); skipped++)
        {
            epoch = stream.Current.Epoch;
        }

        ForEachCallback(c => c.OnTrainBegin(State()));
        using (ProcessGroups.Enter(ProcessGroup))
        using (EnterTraining())
        {
            try
            {
                DataParallel.Synchronize(ProcessGroup, Model, Losses, Arguments, TotalSteps, DataFingerprint);
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
                    foreach ((string name, double value) in report.Components)
                    {
                        (loggedComponents.TryGetValue(name, out List<double>? values) ? values : loggedComponents[name] = []).Add(value);
                    }

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

                        foreach ((string name, List<double> values) in loggedComponents)
                        {
                            logs[name] = values.Average();
                        }

                        logged.Clear();
                        loggedComponents.Clear();
                        if (IsMainProcess)
                        {
                            ModelCard?.RecordLog(CompletedSteps, logs);
                        }

                        ForEachCallback(c => c.OnLog(State(), logs));
                    }

                    if (IsMainProcess && Evaluation is not null && (last || (Arguments.EvalSteps is int every && CompletedSteps % every == 0)))
                    {
                        IReadOnlyDictionary<string, double> metrics = Evaluation.Evaluate(CompletedSteps);
                        ModelCard?.RecordEvaluation(CompletedSteps, epoch, Evaluation.LastResults);
                        ForEachCallback(c => c.OnEvaluate(State(), metrics));
                    }

                    if (checkpointFolder is not null && (last || CompletedSteps % saveEvery == 0))
                    {
                        // Every rank's generator goes into rank 0's checkpoint.
                        GeneratorStatesToSave = GeneratorStates.Gather(ProcessGroup);
                        if (IsMainProcess)
                        {
                            string folder = checkpointFolder(CompletedSteps);
                            SaveCheckpoint(folder);
                            if (rotate)
                            {
                                RemoveOldCheckpoints(folder);
                            }

                            ForEachCallback(c => c.OnSave(State(), folder));
                        }

                        GeneratorStatesToSave = null;
                    }
                }
            }
            catch (Exception error) when (ProcessGroup is { Size: > 1 } group && error is not Distributed.RankFailedException)
            {
                // The other ranks would wait in the next collective forever: end them, naming this rank.
                group.Abort($"{error.GetType().Name}: {error.Message}");
                throw;
            }
        }

        ForEachCallback(c => c.OnTrainEnd(State()));
        return reports;
    }

    private StepReport Step(IReadOnlyList<(TLoss Loss, Func<TBatch> Batch)> batches)
    {
        if (CompletedSteps >= TotalSteps)
        {
            throw new InvalidOperationException($"The trainer was created for {TotalSteps} steps; all are done.");
        }

        int step = CompletedSteps;
        _optimizer.ZeroGrad();
        double sum = 0;
        var components = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((TLoss loss, Func<TBatch> batch) in batches)
        {
            // One scope per batch: its activations are freed once its gradients are accumulated.
            using var scope = NewDisposeScope();
            IReadOnlyDictionary<string, Tensor> parts = ComputeComponents(loss, ProcessGroup is { Size: > 1 } group ? Shard(batch(), group.Rank, group.Size) : batch());
            Tensor value = parts.Values.Aggregate((a, b) => a + b);
            if (parts.Count > 1 || !parts.ContainsKey(LossKey))
            {
                foreach ((string name, Tensor part) in parts)
                {
                    components[name] = components.GetValueOrDefault(name) + (part.item<float>() / batches.Count);
                }
            }

            double scalar = value.item<float>();
            if (!double.IsFinite(scalar))
            {
                throw new InvalidOperationException($"{NameOf(loss)} returned {scalar} at step {step}; the update was not applied.");
            }

            (batches.Count == 1 ? value : value / batches.Count).backward();
            sum += scalar;
        }

        using (NewDisposeScope())
        {
            if (ProcessGroup is { Size: > 1 } group)
            {
                // DDP: every rank applies the mean gradient, and logs the mean loss.
                DataParallel.AverageGradients(group, _optimizer.Parameters, Arguments.DdpBucketCapMb);
                sum = DataParallel.Mean(group, sum);
            }

            double norm = GradientClipping.ClipByNorm(_optimizer.Parameters, Arguments.MaxGradNorm);
            double learningRate = _schedule.LearningRate(step);
            _optimizer.Step(learningRate);
            return new StepReport(step, sum / batches.Count, norm, learningRate) { Components = components };
        }
    }

    private void ForEachCallback(Action<ITrainerCallback> action)
    {
        // Logs, evaluations and saves are rank 0's, as sentence-transformers' trainer reports on the main process.
        if (!IsMainProcess)
        {
            return;
        }

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

        string[] old = CheckpointFolders.NewestFirst(parent).Skip(Math.Max(limit, 1)).ToArray();
        Array.ForEach(old, d => Directory.Delete(d, recursive: true));
    }

    private static IEnumerable<(TLoss Loss, TBatch Batch)> RoundRobin(IEnumerable<(IEnumerable<TBatch> Batches, TLoss Loss)> objectives)
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
}
