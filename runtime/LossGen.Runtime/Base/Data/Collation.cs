using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen;

/// <summary>
/// Turns typed examples into a <see cref="TextBatch"/> for a loss: text columns plus a label tensor of the dtype the loss
/// reads (int64 class ids and 0/1 labels, float32 scores and vectors). Generated <c>Collate</c> methods call it; every
/// error names the loss, the column and the row.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Collation
{
    /// <summary>Collates <paramref name="examples"/> for the loss described by <paramref name="descriptor"/>.</summary>
    public static TextBatch Collate<TExample>(LossDescriptor descriptor, IReadOnlyList<TExample> examples, Device? device = null)
        where TExample : ITrainingExample
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(examples);
        string loss = descriptor.Name;
        if (examples.Count == 0)
        {
            throw new LossInputException($"{loss}: cannot collate an empty batch.");
        }

        int columns = Texts(loss, examples[0], 0).Count;
        if (columns < descriptor.MinColumns || (descriptor.MaxColumns is int max && columns > max))
        {
            throw new LossInputException($"{loss} expects {descriptor.MinColumns}{(descriptor.MaxColumns is int most && most != descriptor.MinColumns ? $" to {most}" : descriptor.MaxColumns is null ? " or more" : string.Empty)} text column(s); row 0 has {columns}.");
        }

        var texts = new string[columns][];
        for (int column = 0; column < columns; column++)
        {
            texts[column] = new string[examples.Count];
        }

        for (int row = 0; row < examples.Count; row++)
        {
            IReadOnlyList<string> rowTexts = Texts(loss, examples[row], row);
            if (rowTexts.Count != columns)
            {
                throw new LossInputException($"{loss}: row {row} has {rowTexts.Count} text column(s) but row 0 has {columns}.");
            }

            for (int column = 0; column < columns; column++)
            {
                texts[column][row] = rowTexts[column] ?? throw new LossInputException($"{loss}: the text of column {column}, row {row} is null.");
            }
        }

        // An n-tuple of a kind whose labels are optional from that width (AnglE) may come without any.
        bool unlabelled = columns >= descriptor.Input?.LabelsOptionalFrom() && examples.All(e => e.Label is null);
        return new TextBatch(texts, unlabelled ? null : Labels(descriptor, examples, device));
    }

    private static IReadOnlyList<string> Texts<TExample>(string loss, TExample example, int row)
        where TExample : ITrainingExample =>
        example is null ? throw new LossInputException($"{loss}: row {row} is null.") : example.Texts ?? throw new LossInputException($"{loss}: row {row} has no texts.");

    private static Tensor? Labels<TExample>(LossDescriptor descriptor, IReadOnlyList<TExample> examples, Device? device)
        where TExample : ITrainingExample
    {
        string loss = descriptor.Name;
        switch (descriptor.Label)
        {
            case LabelKind.None:
                return null;
            case LabelKind.ClassId:
                return tensor(examples.Select((e, row) => Integer(loss, e.Label, row)).ToArray(), dtype: ScalarType.Int64, device: device);
            case LabelKind.Binary:
                return tensor(examples.Select((e, row) => Integer(loss, e.Label, row) is var value && value is 0 or 1 ? value : throw new LossInputException($"{loss}: the label of row {row} is {value}; this loss needs 0 (dissimilar) or 1 (similar).")).ToArray(), dtype: ScalarType.Int64, device: device);
            case LabelKind.Score:
                return tensor(examples.Select((e, row) => Score(loss, e.Label, row)).ToArray(), dtype: ScalarType.Float32, device: device);
            case LabelKind.Embedding when examples[0].Label is IEnumerable<IEnumerable<float>> or IEnumerable<IEnumerable<double>>:
                return PerColumnTargets(loss, examples, device);
            default:
                float[][] vectors = examples.Select((e, row) => Vector(loss, e.Label, row)).ToArray();
                int width = vectors[0].Length;
                for (int row = 1; row < vectors.Length; row++)
                {
                    if (vectors[row].Length != width)
                    {
                        throw new LossInputException($"{loss}: the label of row {row} has {vectors[row].Length} values but row 0 has {width}.");
                    }
                }

                return tensor(vectors.SelectMany(v => v).ToArray(), dtype: ScalarType.Float32, device: device).reshape(vectors.Length, width);
        }
    }

    private static long Integer(string loss, object? label, int row) => label switch
    {
        long value => value,
        int value => value,
        bool value => value ? 1 : 0,
        null => throw new LossInputException($"{loss}: row {row} has no label; this loss needs an integer label per row."),
        _ => throw new LossInputException($"{loss}: the label of row {row} is {label.GetType().Name} {label}; this loss needs an integer."),
    };

    private static float Score(string loss, object? label, int row)
    {
        float value = label switch
        {
            float f => f,
            double d => (float)d,
            int i => i,
            long l => l,
            null => throw new LossInputException($"{loss}: row {row} has no label; this loss needs a float score per row."),
            _ => throw new LossInputException($"{loss}: the label of row {row} is {label.GetType().Name}; this loss needs a float score."),
        };
        return float.IsFinite(value) ? value : throw new LossInputException($"{loss}: the label of row {row} is {value}, not a finite score.");
    }

    // One teacher embedding per text column (sentence-transformers v5.5's 3-D labels): [B, columns, D].
    private static Tensor PerColumnTargets<TExample>(string loss, IReadOnlyList<TExample> examples, Device? device)
        where TExample : ITrainingExample
    {
        int columns = examples[0].Texts.Count;
        var rows = new float[examples.Count][][];
        for (int row = 0; row < examples.Count; row++)
        {
            object[] perColumn = examples[row].Label switch
            {
                IEnumerable<IEnumerable<float>> floats => floats.Cast<object>().ToArray(),
                IEnumerable<IEnumerable<double>> doubles => doubles.Cast<object>().ToArray(),
                _ => throw new LossInputException($"{loss}: the label of row {row} is not one teacher embedding per column, as row 0's is."),
            };
            if (perColumn.Length != columns)
            {
                throw new LossInputException($"{loss}: the label of row {row} has {perColumn.Length} teacher embeddings for {columns} text columns.");
            }

            rows[row] = perColumn.Select(vector => Vector(loss, vector, row)).ToArray();
        }

        int width = rows[0][0].Length;
        if (rows.SelectMany(r => r).FirstOrDefault(v => v.Length != width) is { } odd)
        {
            throw new LossInputException($"{loss}: a teacher embedding has {odd.Length} values but row 0's first has {width}.");
        }

        return tensor(rows.SelectMany(r => r.SelectMany(v => v)).ToArray(), dtype: ScalarType.Float32, device: device).reshape(examples.Count, columns, width);
    }

    private static float[] Vector(string loss, object? label, int row)
    {
        float[] values = label switch
        {
            IEnumerable<float> floats => floats.ToArray(),
            IEnumerable<double> doubles => doubles.Select(d => (float)d).ToArray(),
            float single => [single],
            double single => [(float)single],
            null => throw new LossInputException($"{loss}: row {row} has no label; this loss needs a vector label per row."),
            _ => throw new LossInputException($"{loss}: the label of row {row} is {label.GetType().Name}; this loss needs a float vector."),
        };
        int bad = Array.FindIndex(values, v => !float.IsFinite(v));
        return bad < 0 ? values : throw new LossInputException($"{loss}: value {bad} of the label of row {row} is not finite.");
    }
}
