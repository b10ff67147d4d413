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
using LossGen.Serialization;
using LossGen.Training;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers;

/// <summary>
/// Trains a <see cref="SentenceTransformer"/> with one or more losses, as sentence-transformers' trainer does: AdamW,
/// linear warmup and decay, gradient clipping, gradient accumulation, and the parameters the losses own (a classifier,
/// a learnable scale) trained together with the model.
/// </summary>
public sealed class SentenceTransformerTrainer : TrainerCore<SentenceTransformer, SentenceLoss, TextBatch>
{
    private readonly TrainingPlan? _plan;

    /// <summary>
    /// Creates a trainer for <paramref name="totalSteps"/> steps over the model and every loss's own parameters; the
    /// caller forms the batches and passes them to <c>Train(objectives)</c>.
    /// Prefer the constructors taking datasets, which derive the steps and form the batches as sentence-transformers does.
    /// </summary>
    public SentenceTransformerTrainer(SentenceTransformer model, IEnumerable<SentenceLoss> losses, int totalSteps, TrainingArguments? arguments = null)
        : base(model, losses, totalSteps, arguments)
    {
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
        model.ModelCardData.RecordTraining(plan.Describe(loss => loss.Descriptor.Name, loss => loss.GetConfigDictionary()), Arguments);
        manual_seed(Arguments.Seed);
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

        return RunPlan(plan.Updates(), onStep);
    }

    /// <inheritdoc />
    protected override Tensor Compute(SentenceLoss loss, TextBatch batch) => loss.Compute(batch);

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, Tensor> ComputeComponents(SentenceLoss loss, TextBatch batch) => loss.ComputeComponents(batch);

    /// <inheritdoc />
    protected override long DataFingerprint() => _plan?.Fingerprint() ?? 0;

    /// <inheritdoc />
    protected override string NameOf(SentenceLoss loss) => loss.Descriptor.Name;

    /// <inheritdoc />
    protected override TextBatch Shard(TextBatch batch, int rank, int size) => Distributed.DataParallelBatches.Share(batch, rank, size);

    /// <inheritdoc />
    protected override IDisposable EnterTraining() => TrainingMode.Enter(Model.Transformer, Arguments, Model.SetTraining);

    /// <inheritdoc />
    protected override ModelCardData ModelCard => Model.ModelCardData;

    /// <inheritdoc />
    protected override void SaveCheckpoint(string folder) => TrainingCheckpoint.Save(this, folder);

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
        arguments.CheckForDatasetRun(hasEvaluator: evaluator is not null);
        return TrainingPlan.Create(model, datasets, Distributed.DataParallelBatches.AcrossProcesses(arguments));
    }
}
