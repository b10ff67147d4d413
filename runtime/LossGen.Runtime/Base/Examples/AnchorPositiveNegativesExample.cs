using System.Collections.Generic;

namespace LossGen;

/// <summary>An anchor, a positive and any number of hard negatives (in-batch negative losses).</summary>
/// <param name="Anchor">The anchor text.</param>
/// <param name="Positive">The positive text.</param>
/// <param name="Negatives">Hard negatives; every example of a batch must have the same count.</param>
public sealed record AnchorPositiveNegativesExample(string Anchor, string Positive, IReadOnlyList<string> Negatives) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Anchor, Positive, .. Negatives];

    /// <inheritdoc />
    public object? Label => null;
}
