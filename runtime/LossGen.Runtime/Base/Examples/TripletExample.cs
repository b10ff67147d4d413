using System.Collections.Generic;

namespace LossGen;

/// <summary>An (anchor, positive, negative) triplet (TripletLoss, and MultipleNegativesRankingLoss with a hard negative).</summary>
/// <param name="Anchor">The anchor text.</param>
/// <param name="Positive">A text similar to the anchor.</param>
/// <param name="Negative">A text dissimilar to the anchor.</param>
public sealed record TripletExample(string Anchor, string Positive, string Negative) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Anchor, Positive, Negative];

    /// <inheritdoc />
    public object? Label => null;
}
