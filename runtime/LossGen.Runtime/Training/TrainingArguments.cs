namespace LossGen.Training;

/// <summary>The optimisation settings of <see cref="SentenceTransformerTrainer"/>, with sentence-transformers' defaults.</summary>
public sealed record TrainingArguments
{
    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 2e-5;

    /// <summary>Share of the steps spent warming up, rounded up.</summary>
    public double WarmupRatio { get; init; } = 0.1;

    /// <summary>AdamW's decoupled weight decay (not applied to biases and LayerNorm weights).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Gradients are clipped to this joint L2 norm.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>
    /// The seed of the run: the global TorchSharp generator (dropout, the losses' own initialisation) is seeded with it
    /// when a trainer is created from a dataset, and the batch samplers draw epoch <c>e</c>'s order with seed + e.
    /// </summary>
    public int Seed { get; init; } = 42;

    /// <summary>Passes over the training data (<c>num_train_epochs</c>).</summary>
    public int NumTrainEpochs { get; init; } = 1;

    /// <summary>Rows per batch (<c>per_device_train_batch_size</c>).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Stop after this many steps, whatever the epochs (<c>max_steps</c>); <c>null</c> for all epochs.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>How batches are formed (<c>batch_sampler</c>).</summary>
    public BatchSamplers BatchSampler { get; init; } = BatchSamplers.BatchSampler;

    /// <summary>Drop the last, shorter batch of each epoch (<c>dataloader_drop_last</c>).</summary>
    public bool DropLast { get; init; }

    /// <summary>Evaluate every this many steps, and after the last (<c>eval_steps</c>); <c>null</c> evaluates after the last step only.</summary>
    public int? EvalSteps { get; init; }

    /// <summary>The metric that ranks checkpoints (<c>metric_for_best_model</c>); <c>null</c> for the evaluator's primary metric.</summary>
    public string? MetricForBestModel { get; init; }

    /// <summary>Restore the weights of the best evaluation when training ends (<c>load_best_model_at_end</c>).</summary>
    public bool LoadBestModelAtEnd { get; init; }
}
