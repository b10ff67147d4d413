using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;
using LossGen.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Training;

/// <summary>
/// Trains a <see cref="SentenceTransformer"/> with one or more losses, as sentence-transformers' trainer does: AdamW,
/// linear warmup and decay, gradient clipping, and the parameters the losses own (a classifier, a learnable scale)
/// trained together with the model. Several (data, loss) objectives are taken round-robin, one batch each.
/// </summary>
public sealed class SentenceTransformerTrainer : IDisposable
{
    private readonly AdamWOptimizer _optimizer;
    private readonly LinearWarmupSchedule _schedule;

    /// <summary>Creates a trainer for <paramref name="totalSteps"/> steps over the model and every loss's own parameters.</summary>
    public SentenceTransformerTrainer(SentenceTransformer model, IEnumerable<SentenceLoss> losses, int totalSteps, TrainingArguments? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        Model = model;
        Arguments = arguments ?? new TrainingArguments();
        Losses = losses.ToArray();
        IEnumerable<(string, Parameter)> parameters = model.named_parameters()
            .Concat(Losses.SelectMany((loss, i) => loss.named_parameters().Select(p => ($"loss{i}.{p.name}", p.parameter))));
        _optimizer = new AdamWOptimizer(parameters, Arguments.WeightDecay);
        _schedule = LinearWarmupSchedule.WithWarmupRatio(Arguments.LearningRate, Arguments.WarmupRatio, totalSteps);
        TotalSteps = totalSteps;
    }

    /// <summary>
    /// Creates a trainer for <paramref name="trainDataset"/> with <paramref name="loss"/>, as sentence-transformers'
    /// <c>SentenceTransformerTrainer(model, args, train_dataset, loss)</c> does: the dataset is checked against the loss
    /// now (columns, labels), the step count is derived from the epochs, batch size and sampler (or
    /// <see cref="TrainingArguments.MaxSteps"/>), and the global generator is seeded with <see cref="TrainingArguments.Seed"/>.
    /// Call <see cref="Train(Action{StepReport}?)"/> to run it.
    /// </summary>
    /// <param name="model">The model to train.</param>
    /// <param name="trainDataset">The training data, in sentence-transformers' column convention.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="arguments">The settings; sentence-transformers' defaults when <c>null</c>.</param>
    /// <param name="evaluator">Run at <see cref="TrainingArguments.EvalSteps"/> and after the last step; <see cref="Evaluation"/> keeps its results and the best weights.</param>
    public SentenceTransformerTrainer(SentenceTransformer model, SentenceDataset trainDataset, SentenceLoss loss, TrainingArguments? arguments = null, ISentenceEvaluator? evaluator = null)
        : this(model, [loss ?? throw new ArgumentNullException(nameof(loss))], TotalStepsOf(trainDataset, loss, arguments ?? new TrainingArguments(), evaluator is not null, out IReadOnlyList<InputExample> examples), arguments)
    {
        _plan = (examples, loss);
        Evaluation = evaluator is null ? null : new EvaluationTracker(model, evaluator, Arguments.MetricForBestModel);
        manual_seed(Arguments.Seed);
    }

    /// <summary>Evaluation while training, when the trainer was given an evaluator.</summary>
    public EvaluationTracker? Evaluation { get; }

    private readonly (IReadOnlyList<InputExample> Examples, SentenceLoss Loss)? _plan;

    /// <summary>The model being trained.</summary>
    public SentenceTransformer Model { get; }

    /// <summary>The losses whose parameters are trained too.</summary>
    public IReadOnlyList<SentenceLoss> Losses { get; }

    /// <summary>The settings.</summary>
    public TrainingArguments Arguments { get; }

    /// <summary>Steps in all.</summary>
    public int TotalSteps { get; }

    /// <summary>Steps done.</summary>
    public int CompletedSteps => _optimizer.StepCount;

    /// <summary>The optimizer (for checkpoints).</summary>
    public AdamWOptimizer Optimizer => _optimizer;

    /// <summary>One step: loss of <paramref name="batch"/>, backward, clipping, scheduled AdamW update.</summary>
    public StepReport Step(SentenceLoss loss, TextBatch batch)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batch);
        if (CompletedSteps >= TotalSteps)
        {
            throw new InvalidOperationException($"The trainer was created for {TotalSteps} steps; all are done.");
        }

        int step = CompletedSteps;
        using var scope = NewDisposeScope();
        _optimizer.ZeroGrad();
        Tensor value = loss.Compute(batch);
        double scalar = value.item<float>();
        if (!double.IsFinite(scalar))
        {
            throw new InvalidOperationException($"{loss.Descriptor.Name} returned {scalar} at step {step}; the update was not applied.");
        }

        value.backward();
        double norm = GradientClipping.ClipByNorm(_optimizer.Parameters, Arguments.MaxGradNorm);
        double learningRate = _schedule.LearningRate(step);
        _optimizer.Step(learningRate);
        return new StepReport(step, scalar, norm, learningRate);
    }

    /// <summary>
    /// Trains round-robin over <paramref name="objectives"/>: one batch of the first, one of the second, and so on,
    /// until <see cref="TotalSteps"/> or every source is exhausted; <paramref name="onStep"/> sees each step's report.
    /// With <paramref name="checkpointDirectory"/>, a checkpoint is written every <paramref name="checkpointEvery"/> steps.
    /// After <see cref="TrainingCheckpoint.Restore"/>, the batches already trained on are skipped, so a resumed run
    /// continues where the interrupted one stopped.
    /// </summary>
    public IReadOnlyList<StepReport> Train(
        IEnumerable<(IEnumerable<TextBatch> Batches, SentenceLoss Loss)> objectives,
        Action<StepReport>? onStep = null,
        string? checkpointDirectory = null,
        int checkpointEvery = 100)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointEvery, 1);
        var reports = new List<StepReport>();
        var sources = objectives.Select(o => (Batches: o.Batches.GetEnumerator(), o.Loss)).ToList();
        try
        {
            // The round-robin order is deterministic, so the batches of the completed steps can be replayed and skipped.
            for (int skipped = 0; skipped < CompletedSteps && sources.Count > 0;)
            {
                foreach (var source in sources.ToArray())
                {
                    if (skipped >= CompletedSteps)
                    {
                        break;
                    }

                    if (source.Batches.MoveNext())
                    {
                        skipped++;
                    }
                    else
                    {
                        sources.Remove(source);
                    }
                }
            }

            Model.SetTraining(true);
            while (CompletedSteps < TotalSteps && sources.Count > 0)
            {
                foreach (var source in sources.ToArray())
                {
                    if (CompletedSteps >= TotalSteps)
                    {
                        break;
                    }

                    if (!source.Batches.MoveNext())
                    {
                        sources.Remove(source);
                        continue;
                    }

                    StepReport report = Step(source.Loss, source.Batches.Current);
                    reports.Add(report);
                    if (checkpointDirectory is not null && (CompletedSteps % checkpointEvery == 0 || CompletedSteps == TotalSteps))
                    {
                        TrainingCheckpoint.Save(this, checkpointDirectory);
                    }

                    if (Evaluation is not null && (CompletedSteps == TotalSteps || (Arguments.EvalSteps is int every && CompletedSteps % every == 0)))
                    {
                        Evaluation.Evaluate(CompletedSteps);
                    }

                    onStep?.Invoke(report);
                }
            }
        }
        finally
        {
            Model.SetTraining(false);
            sources.ForEach(s => s.Batches.Dispose());
        }

        return reports;
    }

    /// <summary>
    /// Trains on the dataset given at construction: <see cref="TrainingArguments.NumTrainEpochs"/> epochs of batches from
    /// <see cref="TrainingArguments.BatchSampler"/>, each epoch's order drawn with seed + epoch, until
    /// <see cref="TotalSteps"/>; <paramref name="onStep"/> sees each step's report.
    /// </summary>
    public IReadOnlyList<StepReport> Train(Action<StepReport>? onStep = null)
    {
        if (_plan is not { } plan)
        {
            throw new InvalidOperationException("This trainer was created without a dataset; pass the batches to Train(objectives).");
        }

        IReadOnlyList<StepReport> reports = Train([(Epochs(plan.Examples, plan.Loss), plan.Loss)], onStep);
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
    }

    private IEnumerable<TextBatch> Epochs(IReadOnlyList<InputExample> examples, SentenceLoss loss)
    {
        for (int epoch = 0; epoch < Arguments.NumTrainEpochs || Arguments.MaxSteps is not null; epoch++)
        {
            foreach (IReadOnlyList<InputExample> batch in Sampler(examples, Arguments, epoch))
            {
                yield return loss.CollateBatch(batch);
            }
        }
    }

    private static IEnumerable<IReadOnlyList<InputExample>> Sampler(IReadOnlyList<InputExample> examples, TrainingArguments arguments, int epoch) => arguments.BatchSampler switch
    {
        BatchSamplers.NoDuplicates => new NoDuplicatesBatchSampler<InputExample>(examples, arguments.BatchSize, arguments.DropLast, arguments.Seed + epoch),
        BatchSamplers.GroupByLabel => new GroupByLabelBatchSampler<InputExample>(examples, arguments.BatchSize, arguments.DropLast, arguments.Seed + epoch),
        _ => new RandomBatchSampler<InputExample>(examples, arguments.BatchSize, arguments.DropLast, arguments.Seed + epoch),
    };

    // Everything that can be refused is checked here, before the base constructor allocates the optimizer.
    private static int TotalStepsOf(SentenceDataset dataset, SentenceLoss loss, TrainingArguments arguments, bool hasEvaluator, out IReadOnlyList<InputExample> examples)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (arguments.LoadBestModelAtEnd && !hasEvaluator)
        {
            throw new ArgumentException("LoadBestModelAtEnd needs an evaluator to pick the best model.", nameof(arguments));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.NumTrainEpochs, 1, nameof(TrainingArguments.NumTrainEpochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.BatchSize, 1, nameof(TrainingArguments.BatchSize));
        examples = dataset.ToExamples(loss);
        int perEpoch = Sampler(examples, arguments, 0).Count();
        if (perEpoch == 0)
        {
            throw new ArgumentException($"{dataset.Source} has {dataset.Count} row(s): not one batch of {arguments.BatchSize}{(arguments.DropLast ? " with DropLast" : string.Empty)}.", nameof(dataset));
        }

        return arguments.MaxSteps is int maxSteps
            ? maxSteps >= 1 ? maxSteps : throw new ArgumentOutOfRangeException(nameof(arguments), maxSteps, "MaxSteps must be at least 1.")
            : checked(perEpoch * arguments.NumTrainEpochs);
    }
}
