using System;

namespace LossGen;

/// <summary>
/// Declares a GradCache loss (Gao et al. 2021): embeddings are computed without a graph in mini-batches, and the
/// cached embedding gradients are pushed through the model afterwards. It equals <see cref="UncachedTwin"/> in value
/// and gradients, with memory bounded by the mini-batch size. Needs a <see cref="MiniBatchSizeAttribute"/> hyper-parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GradientCacheAttribute(Type uncachedTwin) : Attribute
{
    /// <summary>The loss this one equals without the cache; code fixes swap to it where caching is refused.</summary>
    public Type UncachedTwin { get; } = uncachedTwin;
}
