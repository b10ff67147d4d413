using System;

namespace LossGen;

/// <summary>
/// Declares that a loss needs an even embedding dimension (AnglELoss splits each embedding into real and imaginary
/// halves). The analyzers flag a model built with an odd constant dimension in the same method; the loss checks at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEvenEmbeddingDimensionAttribute : Attribute
{
}
