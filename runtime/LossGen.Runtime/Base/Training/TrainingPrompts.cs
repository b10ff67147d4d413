using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Training;

/// <summary>
/// Prompts prepended to the training texts, as sentence-transformers' <c>prompts</c> argument: one prompt for every
/// column, one per column name, or one per column name of each named dataset.
/// </summary>
public sealed class TrainingPrompts
{
    private readonly string? _all;
    private readonly IReadOnlyDictionary<string, string>? _byColumn;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? _byDataset;

    private TrainingPrompts(string? all, IReadOnlyDictionary<string, string>? byColumn, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? byDataset)
    {
        _all = all;
        _byColumn = byColumn;
        _byDataset = byDataset;
    }

    /// <summary>The same prompt before every text of every column (<c>prompts="query: "</c>).</summary>
    public static TrainingPrompts ForAllColumns(string prompt) => new(prompt ?? throw new ArgumentNullException(nameof(prompt)), null, null);

    /// <summary>A prompt per column name; other columns get none (<c>prompts={"anchor": "query: "}</c>).</summary>
    public static TrainingPrompts ForColumns(IReadOnlyDictionary<string, string> prompts) => new(null, prompts ?? throw new ArgumentNullException(nameof(prompts)), null);

    /// <summary>A prompt per column name of each named training dataset (<c>prompts={"nli": {"anchor": "query: "}}</c>).</summary>
    public static TrainingPrompts ForDatasets(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> prompts) => new(null, null, prompts ?? throw new ArgumentNullException(nameof(prompts)));

    /// <inheritdoc />
    public override string ToString() =>
        _all is not null ? $"'{_all}'"
        : _byColumn is not null ? Describe(_byColumn)
        : "{" + string.Join(", ", _byDataset!.Select(d => $"'{d.Key}': {Describe(d.Value)}")) + "}";

    private static string Describe(IReadOnlyDictionary<string, string> prompts) => "{" + string.Join(", ", prompts.Select(p => $"'{p.Key}': '{p.Value}'")) + "}";

    /// <summary>The prompt for <paramref name="column"/> of the dataset named <paramref name="dataset"/>, or <c>null</c>.</summary>
    public string? For(string dataset, string column) =>
        _all ?? (_byColumn ?? _byDataset?.GetValueOrDefault(dataset))?.GetValueOrDefault(column);
}
