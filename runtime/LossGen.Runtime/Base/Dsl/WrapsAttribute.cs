using System;

namespace LossGen;

/// <summary>
/// Declares a loss modifier that wraps another loss (MatryoshkaLoss, AdaptiveLayerLoss). The generated constructor takes
/// the inner loss as its second parameter and refuses, at run time, the traits listed in <see cref="Refuses"/>; analyzers
/// read the same data to flag the misuse at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WrapsAttribute : Attribute
{
    /// <summary>Traits of an inner loss this wrapper cannot wrap.</summary>
    public LossTraits Refuses { get; set; }
}
