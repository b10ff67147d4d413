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

    /// <summary>The seed of the global TorchSharp generator (dropout, initialisation).</summary>
    public int Seed { get; init; } = 42;
}
