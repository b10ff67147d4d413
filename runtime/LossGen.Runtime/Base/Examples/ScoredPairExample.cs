using System.Collections.Generic;

namespace LossGen;

/// <summary>A pair with a float similarity score (CoSENTLoss, AnglELoss, CosineSimilarityLoss).</summary>
/// <param name="Sentence1">The first sentence.</param>
/// <param name="Sentence2">The second sentence.</param>
/// <param name="Score">The gold similarity, usually in [0, 1].</param>
public sealed record ScoredPairExample(string Sentence1, string Sentence2, float Score) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Sentence1, Sentence2];

    /// <inheritdoc />
    public object? Label => Score;
}
