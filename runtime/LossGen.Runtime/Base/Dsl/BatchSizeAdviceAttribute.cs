using System;

namespace LossGen;

/// <summary>
/// Declares what batch sizes a loss is meant for (MegaBatchMarginLoss: 500 or more, split evenly into mini-batches).
/// The analyzers compare it with constant batch sizes in the method that creates the loss.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BatchSizeAdviceAttribute : Attribute
{
    /// <summary>The smallest batch size the loss is meant for; 0 for none.</summary>
    public int Minimum { get; set; }

    /// <summary>Whether the loss's mini-batch size should divide the batch size.</summary>
    public bool MiniBatchDivides { get; set; }
}
