using System.Collections.Generic;

namespace LossGen;

/// <summary>An (anchor, positive) pair without label (MultipleNegativesRankingLoss and its family).</summary>
/// <param name="Anchor">The anchor text.</param>
/// <param name="Positive">The positive text.</param>
public sealed record PairExample(string Anchor, string Positive) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Anchor, Positive];

    /// <inheritdoc />
    public object? Label => null;
}
