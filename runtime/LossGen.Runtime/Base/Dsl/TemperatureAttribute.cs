using System;

namespace LossGen;

/// <summary>A softmax temperature hyper-parameter; finite and &gt; 0.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class TemperatureAttribute(double defaultValue) : Attribute
{
    /// <summary>The default temperature.</summary>
    public double Default { get; } = defaultValue;
}
