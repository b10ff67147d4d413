using System.Collections.Generic;

namespace LossGen;

/// <summary>A pair with an integer class label, such as NLI's entailment/neutral/contradiction (SoftmaxLoss).</summary>
/// <param name="Sentence1">The first sentence.</param>
/// <param name="Sentence2">The second sentence.</param>
/// <param name="Label">The class id.</param>
public sealed record LabeledPairExample(string Sentence1, string Sentence2, long Label) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Sentence1, Sentence2];

    object? ITrainingExample.Label => Label;
}
