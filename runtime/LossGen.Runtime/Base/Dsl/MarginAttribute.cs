using System;

namespace LossGen;

/// <summary>A margin hyper-parameter (float or double, finite and ≥ 0). Hinge and contrastive objectives read it.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class MarginAttribute(double defaultValue) : Attribute
{
    /// <summary>The default margin.</summary>
    public double Default { get; } = defaultValue;
}
