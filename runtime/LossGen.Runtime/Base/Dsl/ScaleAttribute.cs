using System;

namespace LossGen;

/// <summary>
/// The scale (inverse temperature) applied to similarity scores before a cross-entropy or CoSENT objective; finite and &gt; 0.
/// With <see cref="Learnable"/> the loss owns a trainable <c>logit_scale</c> parameter initialised to log(scale).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ScaleAttribute(double defaultValue) : Attribute
{
    /// <summary>The default scale.</summary>
    public double Default { get; } = defaultValue;

    /// <summary>Whether the scale is a trainable parameter of the loss.</summary>
    public bool Learnable { get; set; }
}
