using System.Collections.Generic;

namespace LossGen;

/// <summary>A pair with a 0/1 label: 1 similar, 0 dissimilar (ContrastiveLoss, OnlineContrastiveLoss).</summary>
/// <param name="Sentence1">The first sentence.</param>
/// <param name="Sentence2">The second sentence.</param>
/// <param name="IsSimilar">Whether the pair is similar (label 1).</param>
public sealed record BinaryLabeledPairExample(string Sentence1, string Sentence2, bool IsSimilar) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Sentence1, Sentence2];

    /// <inheritdoc />
    public object? Label => IsSimilar ? 1L : 0L;
}
