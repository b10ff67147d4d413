using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LossGen;

/// <summary>
/// Reads a <see cref="SentenceDataset"/> from a file: JSON Lines (<c>.jsonl</c>), CSV (<c>.csv</c>), TSV (<c>.tsv</c>)
/// or Parquet (<c>.parquet</c>). Every error is a <see cref="FormatException"/> that names the file, the row and the
/// column.
/// </summary>
public static class SentenceDatasets
{
    /// <summary>Reads <paramref name="path"/> by its extension.</summary>
    public static SentenceDataset Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => ReadJsonLines(path),
            ".csv" => ReadCsv(path),
            ".tsv" => ReadTsv(path),
            ".parquet" => ParquetDataset.Read(path),
            string other => throw new NotSupportedException($"{path}: '{other}' is not a dataset format LossGen reads; use .jsonl, .csv, .tsv or .parquet."),
        };
    }

    /// <summary>
    /// One JSON object per line; the columns are the first object's keys, in order, and every object must have the same
    /// keys. Values are strings, numbers (integers stay integers), booleans, arrays of numbers, or arrays of strings (a
    /// listwise reranker's documents).
    /// </summary>
    public static SentenceDataset ReadJsonLines(string path)
    {
        string[]? columns = null;
        var rows = new List<object?[]>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonElement element;
            try
            {
                using JsonDocument document = JsonDocument.Parse(text);
                element = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}, line {line}: not valid JSON ({e.Message}).", e);
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{path}, line {line}: each line must be a JSON object, not {element.ValueKind}.");
            }

            string[] keys = element.EnumerateObject().Select(p => p.Name).ToArray();
            columns ??= keys;
            if (!keys.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(columns.OrderBy(k => k, StringComparer.Ordinal)))
            {
                throw new FormatException($"{path}, line {line}: the keys [{string.Join(", ", keys)}] differ from the first line's [{string.Join(", ", columns)}].");
            }

            rows.Add(columns.Select(column => Value(element.GetProperty(column), path, line, column)).ToArray());
        }

        return columns is null
            ? throw new FormatException($"{path}: the file has no rows.")
            : new SentenceDataset(path, columns, rows);
    }

    /// <summary>CSV with a header row (RFC 4180 quoting); cells are texts, and labels are parsed when a loss reads them.</summary>
    public static SentenceDataset ReadCsv(string path)
    {
        using Sylvan.Data.Csv.CsvDataReader csv = Sylvan.Data.Csv.CsvDataReader.Create(path, new Sylvan.Data.Csv.CsvDataReaderOptions { Delimiter = ',' });
        string[] header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        var rows = new List<object?[]>();
        while (csv.Read())
        {
            if (csv.RowFieldCount != header.Length)
            {
                throw new FormatException($"{path}, row {rows.Count} (line {csv.RowNumber}): {csv.RowFieldCount} field(s), but the header names {header.Length} [{string.Join(", ", header)}].");
            }

            rows.Add(Enumerable.Range(0, header.Length).Select(i => (object?)csv.GetString(i)).ToArray());
        }

        return header.Length == 0 ? throw new FormatException($"{path}: the file has no header row.") : new SentenceDataset(path, header, rows);
    }

    /// <summary>
    /// Tab-separated values with a header row. Read by hand on purpose: TSV (IANA text/tab-separated-values) has no
    /// quoting, and STS-B's texts contain bare quotes that a CSV library would take for quoting and silently change.
    /// </summary>
    public static SentenceDataset ReadTsv(string path)
    {
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext() || lines.Current.Length == 0)
        {
            throw new FormatException($"{path}: the file has no header row.");
        }

        string[] header = lines.Current.Split('\t');
        var rows = new List<object?[]>();
        for (int line = 2; lines.MoveNext(); line++)
        {
            if (lines.Current.Length == 0)
            {
                continue;
            }

            string[] fields = lines.Current.Split('\t');
            if (fields.Length != header.Length)
            {
                throw new FormatException($"{path}, row {rows.Count} (line {line}): {fields.Length} field(s), but the header names {header.Length} [{string.Join(", ", header)}].");
            }

            rows.Add(fields);
        }

        return new SentenceDataset(path, header, rows);
    }

    private static object? Value(JsonElement value, string path, int line, string column) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out long integer) ? (object)integer : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array when value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String => value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw new FormatException($"{path}, line {line}, column '{column}': a list of texts may hold texts only, not {item.ValueKind}.")).ToArray(),
        // One list of numbers per text column (teacher embeddings per column).
        JsonValueKind.Array when value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.Array => value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Array
            ? Value(item, path, line, column) as double[] ?? throw new FormatException($"{path}, line {line}, column '{column}': a list of lists may hold lists of numbers only.")
            : throw new FormatException($"{path}, line {line}, column '{column}': a list of lists may hold lists of numbers only, not {item.ValueKind}.")).ToArray(),
        JsonValueKind.Array => value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Number
            ? item.GetDouble()
            : throw new FormatException($"{path}, line {line}, column '{column}': a list may hold numbers only or texts only, not {item.ValueKind}.")).ToArray(),
        _ => throw new FormatException($"{path}, line {line}, column '{column}': a {value.ValueKind} value is not a text, a number or a list of numbers or texts."),
    };
}
