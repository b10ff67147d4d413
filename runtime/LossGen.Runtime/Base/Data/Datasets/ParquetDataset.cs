using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Parquet.Serialization;

namespace LossGen;

/// <summary>Reads Parquet files (as the Hugging Face Hub stores datasets) with Parquet.Net's untyped reader.</summary>
internal static class ParquetDataset
{
    public static SentenceDataset Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        var result = ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult();
        string[] columns = result.Schema.Fields.Select(f => f.Name).ToArray();
        var rows = new List<object?[]>();
        foreach (IDictionary<string, object> row in result.Data)
        {
            int index = rows.Count;
            rows.Add(columns.Select(column => Value(row.TryGetValue(column, out object? value) ? value : null, path, index, column)).ToArray());
        }

        return new SentenceDataset(path, columns, rows);
    }

    private static object? Value(object? value, string path, int row, string column) => value switch
    {
        null or string or long or double or bool => value,
        int v => (long)v,
        short v => (long)v,
        float v => (double)v,
        IEnumerable list when value is not string => list.Cast<object?>().Select(item => item switch
        {
            double d => d,
            float f => f,
            long l => l,
            int i => (double)i,
            _ => throw new FormatException($"{path}, row {row}, column '{column}': a list may hold numbers only, not {item?.GetType().Name ?? "null"}."),
        }).ToArray(),
        _ => throw new FormatException($"{path}, row {row}, column '{column}': a {value.GetType().Name} value is not a text, a number or a list of numbers."),
    };
}
