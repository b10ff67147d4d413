using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen;

/// <summary>A collated batch: the texts of each column, in dataset column order, and the label tensor if the loss reads one.</summary>
/// <param name="Columns">The texts of each column; every column has one text per example.</param>
/// <param name="Labels">The labels, or <c>null</c>.</param>
public sealed record TextBatch(IReadOnlyList<IReadOnlyList<string>> Columns, Tensor? Labels = null)
{
    /// <summary>The number of examples.</summary>
    public int Count => Columns.Count == 0 ? 0 : Columns[0].Count;

    /// <summary>The <paramref name="count"/> examples from <paramref name="start"/> on, every column and the labels alike.</summary>
    public TextBatch Rows(int start, int count) => new(
        [.. Columns.Select(column => (IReadOnlyList<string>)column.Skip(start).Take(count).ToArray())],
        Labels?.narrow(0, start, count));
}
