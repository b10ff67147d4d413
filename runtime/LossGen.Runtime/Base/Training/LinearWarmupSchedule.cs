using System;

namespace LossGen.Training;

/// <summary>
/// Linear warmup from 0 to the base learning rate, then linear decay to 0 at the last step (transformers'
/// <c>get_linear_schedule_with_warmup</c>, which sentence-transformers uses by default).
/// </summary>
/// <param name="BaseLearningRate">The peak learning rate.</param>
/// <param name="WarmupSteps">Steps of warmup.</param>
/// <param name="TotalSteps">Steps in all.</param>
public sealed record LinearWarmupSchedule(double BaseLearningRate, int WarmupSteps, int TotalSteps)
{
    /// <summary>A schedule whose warmup is <paramref name="warmupRatio"/> of <paramref name="totalSteps"/>, rounded up.</summary>
    public static LinearWarmupSchedule WithWarmupRatio(double baseLearningRate, double warmupRatio, int totalSteps) =>
        new(baseLearningRate, (int)Math.Ceiling(warmupRatio * totalSteps), totalSteps);

    /// <summary>The learning rate used at <paramref name="step"/> (0-based).</summary>
    public double LearningRate(int step) => step < WarmupSteps
        ? BaseLearningRate * step / Math.Max(1, WarmupSteps)
        : BaseLearningRate * Math.Max(0.0, (double)(TotalSteps - step) / Math.Max(1, TotalSteps - WarmupSteps));
}
