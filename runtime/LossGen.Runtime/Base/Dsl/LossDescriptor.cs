using System;

namespace LossGen;

/// <summary>
/// What a loss declaration says about itself, emitted by the generator as data: analyzers read the same facts from the
/// attributes, and the runtime reads them here.
/// </summary>
/// <param name="Name">The loss's sentence-transformers name.</param>
/// <param name="Input">The input kind the loss requires; <c>null</c> for a wrapper, which takes its inner loss's input.</param>
/// <param name="Label">The label kind the loss reads.</param>
/// <param name="MinColumns">The fewest text columns accepted.</param>
/// <param name="MaxColumns">The most text columns accepted, or <c>null</c> for no bound.</param>
/// <param name="Traits">Traits such as <see cref="LossTraits.GradientCached"/>.</param>
/// <param name="RefusesToWrap">For wrappers: the traits of inner losses refused.</param>
/// <param name="UncachedTwin">For gradient-cached losses: the loss they equal without the cache.</param>
/// <param name="Pairing">The declared pairing, if any: which embeddings the loss compares with which.</param>
public sealed record LossDescriptor(
    string Name,
    InputKind? Input,
    LabelKind Label,
    int MinColumns,
    int? MaxColumns,
    LossTraits Traits,
    LossTraits RefusesToWrap,
    Type? UncachedTwin,
    Pairing? Pairing = null)
{
    /// <summary>This wrapper's descriptor with the input, label and columns of the loss it wraps.</summary>
    public LossDescriptor Wrapping(LossDescriptor inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return this with { Input = inner.Input, Label = inner.Label, MinColumns = inner.MinColumns, MaxColumns = inner.MaxColumns };
    }
}
