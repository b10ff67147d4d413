using System;

namespace LossGen;

/// <summary>
/// Declares the data loader a loss needs (ContrastiveTensionLoss needs ContrastiveTensionDataLoader). The analyzers warn
/// when a method creates the loss without creating that loader.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresLoaderAttribute(Type loader) : Attribute
{
    /// <summary>The loader type.</summary>
    public Type Loader { get; } = loader;
}
