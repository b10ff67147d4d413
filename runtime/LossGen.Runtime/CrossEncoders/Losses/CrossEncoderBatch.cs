using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// A batch of a cross-encoder loss as sentence-transformers' data collator hands it over: text columns (queries first),
/// and the labels; a listwise batch has one query column, each query's documents and one label per document.
/// </summary>
/// <param name="Columns">The text columns, each of one text per row: <c>[queries, documents]</c>, or <c>[queries, positives, negatives…]</c>.</param>
/// <param name="Labels">One label per row (a class id, 0/1, a score) or a vector per row (teacher margins or scores); <c>null</c> where the loss reads none.</param>
/// <param name="Documents">For listwise losses: each query's documents.</param>
/// <param name="LabelLists">For listwise losses: each query's labels, one per document.</param>
/// <param name="SampledNegatives">
/// For in-batch negatives: the drawn negatives of each row, as indices into the candidates (all positives, then each
/// hard-negative column); <c>null</c> to let the loss draw them. sentence-transformers draws with <c>torch.multinomial</c>;
/// giving the draw replays a reference run.
/// </param>
public sealed record CrossEncoderBatch(
    IReadOnlyList<IReadOnlyList<string>> Columns,
    Tensor? Labels = null,
    IReadOnlyList<IReadOnlyList<string>>? Documents = null,
    IReadOnlyList<float[]>? LabelLists = null,
    IReadOnlyList<int[]>? SampledNegatives = null)
{
    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> (queries, for a listwise batch), with their labels and documents.</summary>
    /// <exception cref="InvalidOperationException">The batch carries drawn negatives, whose indices address the whole batch.</exception>
    public CrossEncoderBatch Rows(int start, int count) => SampledNegatives is not null
        ? throw new InvalidOperationException("A batch with SampledNegatives cannot be cut into rows (nor shared across processes): its indices address the whole batch's candidates; let the loss draw the negatives of each part.")
        : new(
            [.. Columns.Select(column => (IReadOnlyList<string>)[.. column.Skip(start).Take(count)])],
            Labels?.narrow(0, start, count),
            Documents is null ? null : [.. Documents.Skip(start).Take(count)],
            LabelLists is null ? null : [.. LabelLists.Skip(start).Take(count)]);
}
