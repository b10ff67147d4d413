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

        var queries = new string[examples.Count];
        var documents = new string[examples.Count][];
        var labels = new float[examples.Count][];
        for (int row = 0; row < examples.Count; row++)
        {
            // A QueryDocumentsExample, or any example whose texts are the query then the documents and whose label is a float list.
            IReadOnlyList<string> texts = examples[row]?.Texts ?? throw new LossInputException($"{descriptor.Name}: row {row} is null.");
            labels[row] = examples[row].Label switch
            {
                IEnumerable<float> floats => floats.ToArray(),
                IEnumerable<double> doubles => doubles.Select(d => (float)d).ToArray(),
                _ => throw new LossInputException($"{descriptor.Name}: row {row} has no list of labels; a listwise loss needs one label per document."),
            };
            if (texts.Count < 2 || labels[row].Length != texts.Count - 1)
            {
                throw new LossInputException($"{descriptor.Name}: row {row} has {texts.Count - 1} documents and {labels[row].Length} labels; it needs at least one document and one label per document.");
            }

            queries[row] = texts[0];
            documents[row] = texts.Skip(1).ToArray();
        }

        return new CrossEncoderBatch([queries], Documents: documents, LabelLists: labels);
    }
}
