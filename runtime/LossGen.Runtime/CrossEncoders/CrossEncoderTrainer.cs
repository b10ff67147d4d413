using System;
using System.Collections.Generic;
using System.IO;
using LossGen.CrossEncoders.Losses;
using LossGen.CrossEncoders.Training;
using LossGen.Evaluation;
using LossGen.Serialization;
using LossGen.Training;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders;

/// <summary>
/// Trains a <see cref="CrossEncoder"/> (a reranker) as sentence-transformers' <c>CrossEncoderTrainer</c> does, on the
/// same trainer core as the bi-encoder's: <see cref="TrainingArguments"/>, batch samplers, AdamW with linear warmup and
/// decay, gradient clipping and accumulation, evaluation while training, callbacks and checkpoints.
/// </summary>
public sealed class CrossEncoderTrainer : TrainerCore<CrossEncoder, CrossEncoderLoss, CrossEncoderBatch>
{
    private readonly CrossEncoderPlan? _plan;

    /// <summary>
    /// Creates a trainer for <paramref name="totalSteps"/> steps; the caller forms the batches and passes them to
    /// <c>Train(objectives)</c>. Prefer the constructor taking a dataset.
    /// </summary>
    public CrossEncoderTrainer(CrossEncoder model, IEnumerable<CrossEncoderLoss> losses, int totalSteps, TrainingArguments? arguments = null)
        : base(model, losses, totalSteps, arguments)
    {
    }

    /// <summary>
    /// Creates a trainer for <paramref name="trainDataset"/> with <paramref name="loss"/>, as sentence-transformers'
    /// <c>CrossEncoderTrainer(model, args, train_dataset, loss)</c>: the dataset is checked against the loss now
    /// (columns, labels; for listwise losses a query column, a column of document lists and a list-of-floats label),
    /// the step count is derived from the epochs, batch size, sampler and gradient accumulation (or
    /// <see cref="TrainingArguments.MaxSteps"/>), and the global generator is seeded with <see cref="TrainingArguments.Seed"/>.
    /// </summary>
    /// <param name="model">The reranker to train.</param>
    /// <param name="trainDataset">The training data, in sentence-transformers' column convention.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="arguments">The settings; sentence-transformers' defaults when <c>null</c>.</param>
    /// <param name="evaluator">Run at <see cref="TrainingArguments.EvalSteps"/> and after the last step.</param>
    public CrossEncoderTrainer(CrossEncoder model, SentenceDataset trainDataset, CrossEncoderLoss loss, TrainingArguments? arguments = null, IEvaluator<CrossEncoder>? evaluator = null)
        : this(model, Plan(trainDataset, loss, arguments, evaluator), arguments, evaluator)
    {
    }

    private CrossEncoderTrainer(CrossEncoder model, CrossEncoderPlan plan, TrainingArguments? arguments, IEvaluator<CrossEncoder>? evaluator)
        : this(model, [plan.Sources[0].Loss], plan.TotalSteps, arguments)
    {
        _plan = plan;
        Evaluation = evaluator is null ? null : new EvaluationTracker<CrossEncoder>(model, evaluator, Arguments.MetricForBestModel);
        model.ModelCardData.RecordTraining(plan.Describe(loss => loss.Descriptor.Name, loss => loss.GetConfigDictionary()), Arguments);
        manual_seed(Arguments.Seed);
    }

    /// <summary>
    /// Trains on the dataset given at construction: <see cref="TrainingArguments.NumTrainEpochs"/> epochs (or
    /// <see cref="TrainingArguments.MaxSteps"/> steps), with evaluation at <see cref="TrainingArguments.EvalSteps"/>, a
    /// resumable checkpoint under <see cref="TrainingArguments.OutputDir"/> as <c>checkpoint-{step}</c> every
    /// <see cref="TrainingArguments.SaveSteps"/>, and the best model restored at the end when
    /// <see cref="TrainingArguments.LoadBestModelAtEnd"/> is set.
    /// </summary>
    /// <param name="onStep">Sees each step's report.</param>
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
            string root = Path.GetFullPath(resumeFromCheckpoint);
            using (CrossEncoder saved = CrossEncoder.Load(Path.Combine(root, RunCheckpoint.ModelFolderName), device: Model.Device))
            {
                RunCheckpoint.CopyWeights(saved, Model, root);
            }

            RunCheckpoint.Restore(this, root);
        }

        return RunPlan(plan.Updates(), onStep);
    }

    /// <inheritdoc />
    protected override Tensor Compute(CrossEncoderLoss loss, CrossEncoderBatch batch) => loss.Compute(batch);

    /// <inheritdoc />
    /// <remarks>
    /// Each process scores its share of the rows (queries, with their documents, for listwise losses), as
    /// sentence-transformers' CrossEncoderTrainer under DDP; in-batch negatives are drawn within the share.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The batch carries drawn negatives, whose indices address the whole batch.</exception>
    protected override CrossEncoderBatch Shard(CrossEncoderBatch batch, int rank, int size)
    {
        ArgumentNullException.ThrowIfNull(batch);
        (int start, int count) = Distributed.DataParallelBatches.Part(batch.Columns[0].Count, rank, size);
        return batch.Rows(start, count);
    }

    /// <inheritdoc />
    protected override ModelCardData ModelCard => Model.ModelCardData;

    /// <inheritdoc />
    protected override long DataFingerprint() => _plan?.Fingerprint() ?? 0;

    /// <inheritdoc />
    protected override string NameOf(CrossEncoderLoss loss) => loss.Descriptor.Name;

    /// <inheritdoc />
    protected override IDisposable EnterTraining() => TrainingMode.Enter(Model.Backbone, Arguments, on => Model.train(on));

    /// <inheritdoc />
    /// <remarks>The model is saved as a Hugging Face folder in the checkpoint's <c>model</c> subfolder.</remarks>
    protected override void SaveCheckpoint(string folder) => RunCheckpoint.Save(this, folder, Model.Save);

    private static CrossEncoderPlan Plan(SentenceDataset trainDataset, CrossEncoderLoss loss, TrainingArguments? arguments, IEvaluator<CrossEncoder>? evaluator)
    {
        ArgumentNullException.ThrowIfNull(trainDataset);
        ArgumentNullException.ThrowIfNull(loss);
        arguments ??= new TrainingArguments();
        arguments.CheckForDatasetRun(hasEvaluator: evaluator is not null);
        return CrossEncoderPlan.Create(CrossEncoderPlan.Single(trainDataset, loss), Distributed.DataParallelBatches.AcrossProcesses(arguments));
    }
}
