using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LossGen;

/// <summary>
/// Training or evaluation data as named columns, read from a file (<see cref="SentenceDatasets"/>) or built in memory.
/// sentence-transformers' convention decides how a loss reads it: the columns, in order, are the loss's text inputs,
/// and a column named <c>label</c> or <c>score</c> is its label. <see cref="Select"/> and <see cref="Rename"/> shape a
/// dataset to that convention; <see cref="ToExamples"/> refuses data that does not fit the loss before training starts.
/// </summary>
public sealed class SentenceDataset
{
    /// <summary>The column names that sentence-transformers reads as the label.</summary>
    public static readonly IReadOnlyList<string> LabelColumnNames = ["label", "score", "labels", "scores"];

    private readonly object?[][] _rows;
    private readonly Dictionary<string, int> _indexOf;

    /// <summary>Creates a dataset from rows of cells (strings, integers, floats, or float arrays).</summary>
    /// <param name="source">Where the data came from, named in errors (a file path, or a description).</param>
    /// <param name="columns">The column names, unique.</param>
    /// <param name="rows">The rows, one cell per column.</param>
    public SentenceDataset(string source, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        Source = source;
        Columns = columns.ToArray();
        if (Columns.Distinct(StringComparer.Ordinal).Count() != Columns.Count)
        {
            throw new FormatException($"{source}: the column names [{string.Join(", ", Columns)}] are not unique.");
        }

        _indexOf = Columns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        _rows = rows.ToArray();
        for (int row = 0; row < _rows.Length; row++)
        {
            if (_rows[row] is null || _rows[row].Length != Columns.Count)
            {
                throw new FormatException($"{source}: row {row} has {_rows[row]?.Length ?? 0} value(s) but there are {Columns.Count} columns [{string.Join(", ", Columns)}].");
            }
        }
    }

    /// <summary>Where the data came from.</summary>
    public string Source { get; }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of rows.</summary>
    public int Count => _rows.Length;

    /// <summary>Builds a dataset from in-memory columns of equal length, in the order given.</summary>
    public static SentenceDataset FromColumns(params (string Name, IReadOnlyList<object?> Values)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int count = columns.Length == 0 ? 0 : columns[0].Values.Count;
        if (columns.FirstOrDefault(c => c.Values.Count != count) is { Name: not null } uneven)
        {
            throw new ArgumentException($"Column '{uneven.Name}' has {uneven.Values.Count} values but column '{columns[0].Name}' has {count}.", nameof(columns));
        }

        return new SentenceDataset("in-memory dataset", columns.Select(c => c.Name).ToArray(), Enumerable.Range(0, count).Select(row => columns.Select(c => c.Values[row]).ToArray()));
    }

    /// <summary>The value of <paramref name="column"/> in <paramref name="row"/>.</summary>
    public object? this[int row, string column] => _rows[row][IndexOf(column)];

    /// <summary>Only <paramref name="columns"/>, in the order given (sentence-transformers' <c>select_columns</c>).</summary>
    public SentenceDataset Select(params string[] columns)
    {
        int[] indices = columns.Select(IndexOf).ToArray();
        return new SentenceDataset(Source, columns, _rows.Select(row => indices.Select(i => row[i]).ToArray()));
    }

    /// <summary>The same data with column <paramref name="from"/> named <paramref name="to"/> (<c>rename_column</c>).</summary>
    public SentenceDataset Rename(string from, string to)
    {
        int index = IndexOf(from);
        return new SentenceDataset(Source, Columns.Select((name, i) => i == index ? to : name).ToArray(), _rows);
    }

    /// <summary>The label column: the first of 'label', 'score' present, as sentence-transformers' collator picks it; <c>null</c> if neither is.</summary>
    public string? LabelColumn => LabelColumnNames.FirstOrDefault(_indexOf.ContainsKey);

    /// <summary>The columns that are the loss's text inputs, in order: every column but the label.</summary>
    public IReadOnlyList<string> TextColumns => Columns.Where(c => c != LabelColumn).ToArray();

    /// <summary>
    /// The rows as <see cref="InputExample"/>s for the loss <paramref name="descriptor"/> describes: every column but the
    /// label is a text input, in order; the label column is required exactly when the loss reads labels. A listwise
    /// reranker loss (<see cref="InputKind.QueryDocuments"/>) takes a query column, a column of document lists and a
    /// list-of-floats label column, one label per document. Data that does not fit is refused here, with the loss's
    /// expected columns and the first offending row and column in the message.
    /// </summary>
    public IReadOnlyList<InputExample> ToExamples(LossDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        int label = LabelColumn is { } labelName ? _indexOf[labelName] : -1;
        int[] texts = Enumerable.Range(0, Columns.Count).Where(i => i != label).ToArray();
        string expected = Expected(descriptor);
        if (texts.Length < descriptor.MinColumns || (descriptor.MaxColumns is int max && texts.Length > max))
        {
            throw new LossInputException($"{descriptor.Name} cannot train on {Source}: it expects {expected}; the dataset's text columns are [{string.Join(", ", texts.Select(i => Columns[i]))}].");
        }

        bool labelOptional = texts.Length >= descriptor.Input?.LabelsOptionalFrom();
        if ((descriptor.Label != LabelKind.None) != (label >= 0) && !(labelOptional && label < 0))
        {
            throw new LossInputException(label < 0
                ? $"{descriptor.Name} cannot train on {Source}: it expects {expected}, but there is no 'label' or 'score' column (columns: [{string.Join(", ", Columns)}])."
                : $"{descriptor.Name} cannot train on {Source}: it reads no label, but the dataset has a '{Columns[label]}' column; select the text columns only.");
        }

        if (descriptor.Input == InputKind.QueryDocuments)
        {
            return Listwise(descriptor, texts, label);
        }

        var examples = new InputExample[_rows.Length];
        for (int row = 0; row < _rows.Length; row++)
        {
            var rowTexts = new string[texts.Length];
            for (int t = 0; t < texts.Length; t++)
            {
                rowTexts[t] = _rows[row][texts[t]] as string
                    ?? throw new LossInputException($"{descriptor.Name} cannot train on {Source}: row {row}, column '{Columns[texts[t]]}' is {Describe(_rows[row][texts[t]])}, not a text.");
            }

            examples[row] = new InputExample(rowTexts, label < 0 ? null : Label(descriptor, row, label));
        }

        return examples;
    }

    // (query, [documents], [labels]): the texts are the query then the documents, the label one float per document.
    private InputExample[] Listwise(LossDescriptor descriptor, int[] texts, int label)
    {
        var examples = new InputExample[_rows.Length];
        for (int row = 0; row < _rows.Length; row++)
        {
            string where = $"{descriptor.Name} cannot train on {Source}: row {row}";
            string query = _rows[row][texts[0]] as string ?? throw new LossInputException($"{where}, column '{Columns[texts[0]]}' is {Describe(_rows[row][texts[0]])}, not a query text.");
            string[] documents = _rows[row][texts[1]] as string[] ?? throw new LossInputException($"{where}, column '{Columns[texts[1]]}' is {Describe(_rows[row][texts[1]])}, not a list of documents.");
            double[] labels = _rows[row][label] as double[] ?? throw new LossInputException($"{where}, column '{Columns[label]}' is {Describe(_rows[row][label])}; {descriptor.Name} needs a list of floats, one per document.");
            if (documents.Length == 0 || labels.Length != documents.Length)
            {
                throw new LossInputException($"{where} has {documents.Length} documents and {labels.Length} labels; {descriptor.Name} needs at least one document and one label per document.");
            }

            examples[row] = new InputExample([query, .. documents], labels.Select(l => (float)l).ToArray());
        }

        return examples;
    }

    private object Label(LossDescriptor descriptor, int row, int column)
    {
        object? value = _rows[row][column];
        string where = $"{descriptor.Name} cannot train on {Source}: row {row}, column '{Columns[column]}'";
        switch (descriptor.Label)
        {
            case LabelKind.ClassId or LabelKind.Binary:
                long integer = value switch
                {
                    long l => l,
                    int i => i,
                    bool b => b ? 1 : 0,
                    double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => (long)d,
                    string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) => parsed,
                    _ => throw new LossInputException($"{where} is {Describe(value)}; {descriptor.Name} needs an integer {(descriptor.Label == LabelKind.Binary ? "0/1 label" : "class id")}."),
                };
                return descriptor.Label == LabelKind.Binary && integer is not (0 or 1)
                    ? throw new LossInputException($"{where} is {integer}; {descriptor.Name} needs 0 (dissimilar) or 1 (similar).")
                    : integer;
            case LabelKind.Score:
                double score = value switch
                {
                    double d => d,
                    float f => f,
                    long l => l,
                    int i => i,
                    string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
                    _ => throw new LossInputException($"{where} is {Describe(value)}; {descriptor.Name} needs a float score."),
                };
                return double.IsFinite(score) ? score : throw new LossInputException($"{where} is {score}, not a finite score.");
            default:
                return value is double[] or float[] || (descriptor.Label == LabelKind.Embedding && value is double[][])
                    ? value
                    : throw new LossInputException($"{where} is {Describe(value)}; {descriptor.Name} needs a list of floats{(descriptor.Label == LabelKind.Embedding ? ", or one list per text column" : string.Empty)}.");
        }
    }

    private static string Expected(LossDescriptor descriptor)
    {
        string columns = descriptor.MaxColumns == descriptor.MinColumns ? $"{descriptor.MinColumns}"
            : descriptor.MaxColumns is int max ? $"{descriptor.MinColumns} to {max}"
            : $"{descriptor.MinColumns} or more";
        string label = descriptor.Label switch
        {
            LabelKind.None => "no label column",
            LabelKind.ClassId => "an integer 'label' column",
            LabelKind.Binary => "a 0/1 'label' column",
            LabelKind.Score => "a float 'score' or 'label' column",
            _ => "a float-list 'label' column",
        };
        return $"{columns} text column(s) ({descriptor.Input?.Describe() ?? "its inner loss's input"}) and {label}";
    }

    private static string Describe(object? value) => value switch
    {
        null => "empty",
        string s => $"the text \"{(s.Length > 40 ? s[..40] + "…" : s)}\"",
        _ => $"{value.GetType().Name} {Convert.ToString(value, CultureInfo.InvariantCulture)}",
    };

    private int IndexOf(string column) => _indexOf.TryGetValue(column, out int index)
        ? index
        : throw new ArgumentException($"{Source} has no column '{column}'; its columns are [{string.Join(", ", Columns)}].", nameof(column));
}
