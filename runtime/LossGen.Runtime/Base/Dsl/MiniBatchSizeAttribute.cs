using System;

namespace LossGen;

/// <summary>The number of rows per mini-batch of a gradient-cached or mini-batched loss; &gt; 0.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class MiniBatchSizeAttribute(int defaultValue) : Attribute
{
    /// <summary>The default mini-batch size.</summary>
    public int Default { get; } = defaultValue;
}
