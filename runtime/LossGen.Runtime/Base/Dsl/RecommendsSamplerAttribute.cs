using System;

namespace LossGen;

/// <summary>
/// Declares the batch sampler a loss works best with: <see cref="GroupByLabelBatchSampler{TExample}"/> for the batch
/// triplet losses, <see cref="NoDuplicatesBatchSampler{TExample}"/> for in-batch negatives. The analyzers suggest it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RecommendsSamplerAttribute(Type sampler) : Attribute
{
    /// <summary>The sampler type (an open generic type).</summary>
    public Type Sampler { get; } = sampler;
}
