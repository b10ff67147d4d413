using System;
namespace LossGen.Training;

/// <summary>The optimisation settings of <see cref="SentenceTransformers.SentenceTransformerTrainer"/>, with sentence-transformers' defaults.</summary>
public sealed record TrainingArguments
{
    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 2e-5;

    /// <summary>
    /// Share of the steps spent warming up, rounded up; ignored when <see cref="WarmupSteps"/> is set. 0 by default, as
    /// in the trainer's arguments (the old <c>fit()</c> warmed up over 10 %).
    /// </summary>
    public double WarmupRatio { get; init; }

    /// <summary>Steps of linear warmup (<c>warmup_steps</c>); 0 uses <see cref="WarmupRatio"/> instead, as transformers does.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>
    /// Batches whose gradients are summed before one optimizer step (<c>gradient_accumulation_steps</c>); each batch's
    /// loss is divided by the number of batches in its group, so a step sees their mean. An epoch's last group may be
    /// shorter; it is still one step.
    /// </summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>
    /// AdamW's decoupled weight decay (not applied to biases and LayerNorm weights). 0 by default, as in the trainer's
    /// arguments (the old <c>fit()</c> decayed by 0.01).
    /// </summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// Whether, on Linux, glibc keeps large blocks in its heap while the trainer exists instead of mapping and unmapping
    /// them every step (the embedding gradient alone is 47 MB for all-MiniLM-L6-v2; about a tenth of a short-text step
    /// went to faulting those pages again). On by default; it changes a process-wide allocator setting, restored when the
    /// last trainer is disposed, so turn it off where other code in the process tunes malloc itself. Settings made
    /// through <c>MALLOC_MMAP_MAX_</c>, <c>MALLOC_MMAP_THRESHOLD_</c> or <c>MALLOC_TRIM_THRESHOLD_</c> are always left alone.
    /// </summary>
    public bool KeepLargeBlocksInHeap { get; init; } = true;

    /// <summary>Gradients are clipped to this joint L2 norm.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>
    /// The seed of the run: the global TorchSharp generator (dropout, the losses' own initialisation) is seeded with it
    /// when a trainer is created from a dataset, and the batch samplers draw epoch <c>e</c>'s order with seed + e.
    /// </summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// bfloat16 mixed precision while training (<c>bf16</c>): the encoder's linear layers multiply in bfloat16 while the
    /// weights, optimizer and loss stay float32 (<see cref="Backbones.MatmulPrecision.BFloat16"/>); several
    /// times faster products on CPUs with AVX512-BF16 or AMX and on CUDA, refused on a CPU without them. The model's
    /// own precision is restored when training ends.
    /// </summary>
    public bool Bf16 { get; init; }

    /// <summary>
    /// How dropout draws its masks while training on the CPU (<see cref="Backbones.DropoutSampler"/>): libtorch's
    /// own serial draws by default, or <see cref="Backbones.DropoutSampler.Parallel"/>, the same distribution
    /// from a stream drawn on all threads, which saves about a fifth of a short-text step. The model's own sampler is
    /// restored when training ends.
    /// </summary>
    public Backbones.DropoutSampler DropoutSampler { get; init; }

    /// <summary>Passes over the training data (<c>num_train_epochs</c>).</summary>
    public int NumTrainEpochs { get; init; } = 1;

    /// <summary>
    /// Rows per batch and process (<c>per_device_train_batch_size</c>): a data-parallel run of N processes forms
    /// batches of N × this many rows in the single-process order, and each process takes its share.
    /// </summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>
    /// The processes of a data-parallel run; by default the Open MPI world when <c>mpirun</c> started this process with
    /// more than one (<see cref="Distributed.ProcessGroups.FromEnvironment"/>), else none.
    /// </summary>
    public Distributed.IProcessGroup? ProcessGroup { get; init; }

    /// <summary>Gradients are averaged across processes in flattened buckets of this many MiB (<c>ddp_bucket_cap_mb</c>).</summary>
    public int DdpBucketCapMb { get; init; } = 25;

    /// <summary>Stop after this many steps, whatever the epochs (<c>max_steps</c>); <c>null</c> for all epochs.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>How batches are formed (<c>batch_sampler</c>).</summary>
    public BatchSamplers BatchSampler { get; init; } = BatchSamplers.BatchSampler;

    /// <summary>How the batches of several training datasets are interleaved (<c>multi_dataset_batch_sampler</c>).</summary>
    public MultiDatasetBatchSamplers MultiDatasetBatchSampler { get; init; } = MultiDatasetBatchSamplers.Proportional;

    /// <summary>Prompts prepended to the training texts (<c>prompts</c>); <c>null</c> for none.</summary>
    public TrainingPrompts? Prompts { get; init; }

    /// <summary>Drop the last, shorter batch of each epoch (<c>dataloader_drop_last</c>).</summary>
    public bool DropLast { get; init; }

    /// <summary>Evaluate every this many steps, and after the last (<c>eval_steps</c>); <c>null</c> evaluates after the last step only.</summary>
    public int? EvalSteps { get; init; }

    /// <summary>The metric that ranks checkpoints (<c>metric_for_best_model</c>); <c>null</c> for the evaluator's primary metric.</summary>
    public string? MetricForBestModel { get; init; }

    /// <summary>Where checkpoints go, as <c>checkpoint-{step}</c> folders (<c>output_dir</c>); <c>null</c> writes none.</summary>
    public string? OutputDir { get; init; }

    /// <summary>Write a checkpoint every this many steps, and after the last (<c>save_steps</c>).</summary>
    public int SaveSteps { get; init; } = 500;

    /// <summary>Keep at most this many checkpoints, deleting the oldest (<c>save_total_limit</c>); <c>null</c> keeps all.</summary>
    public int? SaveTotalLimit { get; init; }

    /// <summary>Report the mean loss to the callbacks every this many steps, and after the last (<c>logging_steps</c>).</summary>
    public int LoggingSteps { get; init; } = 500;

    /// <summary>Restore the weights of the best evaluation when training ends (<c>load_best_model_at_end</c>).</summary>
    public bool LoadBestModelAtEnd { get; init; }

    /// <summary>Refuses settings a run over datasets cannot honour, before anything is allocated.</summary>
    internal void CheckForDatasetRun(bool hasEvaluator)
    {
        if (LoadBestModelAtEnd && !hasEvaluator)
        {
            throw new ArgumentException("LoadBestModelAtEnd needs an evaluator to pick the best model.", "arguments");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(SaveSteps, 1, nameof(SaveSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(LoggingSteps, 1, nameof(LoggingSteps));
        if (EvalSteps is < 1)
        {
            throw new ArgumentOutOfRangeException("arguments", EvalSteps, "TrainingArguments.EvalSteps must be at least 1.");
        }
    }
}
