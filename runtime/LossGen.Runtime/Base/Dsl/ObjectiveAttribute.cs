using System;

namespace LossGen;

/// <summary>Declares the objective a loss applies to its paired scores or distances.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ObjectiveAttribute(Objective objective) : Attribute
{
    /// <summary>The objective.</summary>
    public Objective Objective { get; } = objective;
}
