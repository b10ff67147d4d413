using System.Collections.Generic;

namespace LossGen;

/// <summary>
/// sentence-transformers' untyped <c>InputExample(texts, label)</c>, for porting code. Prefer the typed records: with them
/// the analyzers know the data's shape at compile time.
/// </summary>
/// <param name="Texts">The texts, in column order.</param>
/// <param name="Label">The label: an int, a float, a float array, or <c>null</c>.</param>
public sealed record InputExample(IReadOnlyList<string> Texts, object? Label = null) : ITrainingExample;
