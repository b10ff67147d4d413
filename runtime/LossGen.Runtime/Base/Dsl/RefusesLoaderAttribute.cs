using System;

namespace LossGen;

/// <summary>
/// Declares a data loader whose batches a loss must not be fed (ContrastiveTensionLossInBatchNegatives and
/// ContrastiveTensionDataLoader). The analyzers warn when one method creates both.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RefusesLoaderAttribute(Type loader) : Attribute
{
    /// <summary>The loader type.</summary>
    public Type Loader { get; } = loader;
}
