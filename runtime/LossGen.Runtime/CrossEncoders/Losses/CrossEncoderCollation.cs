using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// Turns typed examples into a <see cref="CrossEncoderBatch"/> for a cross-encoder loss, as sentence-transformers' data
/// collator does: text columns and a label tensor, or for a listwise loss each query's documents and labels. Generated
/// <c>Collate</c> methods call it; every error names the loss and the row.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CrossEncoderCollation
{
    /// <summary>Collates <paramref name="examples"/> for the loss described by <paramref name="descriptor"/>.</summary>
    public static CrossEncoderBatch Collate<TExample>(LossDescriptor descriptor, IReadOnlyList<TExample> examples, Device? device = null)
        where TExample : ITrainingExample
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(examples);
        if (descriptor.Input != InputKind.QueryDocuments)
        {
            TextBatch texts = Collation.Collate(descriptor, examples, device);
            return new CrossEncoderBatch(texts.Columns, texts.Labels);
        }

        if (examples.Count == 0)
        {
            throw new LossInputException($"{descriptor.Name}: cannot collate an empty batch.");
        }

        var lists = new QueryDocumentsExample[examples.Count];
        for (int row = 0; row < examples.Count; row++)
        {
            lists[row] = examples[row] as QueryDocumentsExample ?? throw new LossInputException($"{descriptor.Name}: row {row} is {examples[row]?.GetType().Name ?? "null"}; a listwise loss needs a QueryDocumentsExample per row.");
            if (lists[row].Documents.Count == 0 || lists[row].Documents.Count != lists[row].Labels.Count)
            {
                throw new LossInputException($"{descriptor.Name}: row {row} has {lists[row].Documents.Count} documents and {lists[row].Labels.Count} labels; it needs at least one document and one label per document.");
            }
        }

        return new CrossEncoderBatch(
            [lists.Select(e => e.Query).ToArray()],
            Documents: lists.Select(e => e.Documents).ToArray(),
            LabelLists: lists.Select(e => e.Labels.ToArray()).ToArray());
    }
}
