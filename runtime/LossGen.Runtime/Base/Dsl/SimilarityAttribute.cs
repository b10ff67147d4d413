using System;

namespace LossGen;

/// <summary>
/// The similarity function of a loss. On a <c>partial</c> property of type <see cref="SimilarityFunction"/> it is a
/// hyper-parameter with this default (<c>similarity_fct</c>); on the class it is fixed (AnglELoss).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, Inherited = false)]
public sealed class SimilarityAttribute(SimilarityFunction defaultFunction) : Attribute
{
    /// <summary>The default (or fixed) similarity function.</summary>
    public SimilarityFunction Default { get; } = defaultFunction;
}
