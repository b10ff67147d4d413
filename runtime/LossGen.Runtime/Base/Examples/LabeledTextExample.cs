using System.Collections.Generic;

namespace LossGen;

/// <summary>A text with an integer class label (the batch triplet losses).</summary>
/// <param name="Text">The text.</param>
/// <param name="Label">The class id.</param>
public sealed record LabeledTextExample(string Text, long Label) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Text];

    object? ITrainingExample.Label => Label;
}
