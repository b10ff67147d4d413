using System.Collections.Generic;

namespace LossGen;

/// <summary>A typed training example: its texts in column order and its label, if any.</summary>
public interface ITrainingExample
{
    /// <summary>The texts, in dataset column order.</summary>
    IReadOnlyList<string> Texts { get; }

    /// <summary>The label as the collator turns it into a tensor (an int, a float, a float array), or <c>null</c>.</summary>
    object? Label { get; }
}
