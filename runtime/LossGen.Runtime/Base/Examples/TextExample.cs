using System.Collections.Generic;

namespace LossGen;

/// <summary>A single text without label (ContrastiveTensionLoss, DenoisingAutoEncoderLoss).</summary>
/// <param name="Text">The text.</param>
public sealed record TextExample(string Text) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Text];

    /// <inheritdoc />
    public object? Label => null;
}
