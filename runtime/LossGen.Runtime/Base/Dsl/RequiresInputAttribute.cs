using System;

namespace LossGen;

/// <summary>Declares the shape of the training data a loss consumes; analyzers and the data adapters read it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresInputAttribute(InputKind kind) : Attribute
{
    /// <summary>The input kind the loss requires.</summary>
    public InputKind Kind { get; } = kind;

    /// <summary>
    /// A tighter bound than the input kind's on the number of text columns (GISTEmbedLoss takes at most one negative
    /// column), or 0 for the input kind's own bound.
    /// </summary>
    public int MaxColumns { get; init; }
}
