using System;
using System.ComponentModel;
using static TorchSharp.torch;

namespace LossGen;

/// <summary>Input validation called by generated losses; every message names the loss and the column or row at fault.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossInputGuard
{
    /// <summary>Checks column count, shapes and labels of <paramref name="batch"/> against <paramref name="descriptor"/>.</summary>
    public static void Check(LossDescriptor descriptor, EmbeddingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(batch);
        string loss = descriptor.Name;
        int count = batch.Columns.Count;
        if (count < descriptor.MinColumns || (descriptor.MaxColumns is int max && count > max))
        {
            string expected = descriptor.MaxColumns is int most
                ? most == descriptor.MinColumns ? $"{most}" : $"{descriptor.MinColumns} to {most}"
                : $"at least {descriptor.MinColumns}";
            throw new LossInputException($"{loss} expects {expected} text column(s) ({descriptor.Input}); got {count}.");
        }

        long rows = -1;
        for (int column = 0; column < count; column++)
        {
            Tensor embeddings = batch.Columns[column]
                ?? throw new LossInputException($"{loss}: column {column} is null.");
            if (embeddings.dim() != 2)
            {
                throw new LossInputException($"{loss}: column {column} must be a 2-D [batch, dim] tensor; got shape [{string.Join(", ", embeddings.shape)}].");
            }

            if (!embeddings.is_floating_point())
            {
                throw new LossInputException($"{loss}: column {column} must hold floating-point embeddings; got {embeddings.dtype}.");
            }

            if (rows < 0)
            {
                rows = embeddings.shape[0];
            }
            else if (embeddings.shape[0] != rows)
            {
                throw new LossInputException($"{loss}: column {column} has {embeddings.shape[0]} rows but column 0 has {rows}.");
            }
        }

        if (rows == 0)
        {
            throw new LossInputException($"{loss}: the batch is empty.");
        }

        CheckLabels(descriptor, batch.Labels, rows);
    }

    /// <summary>Checks that a guided loss got guide embeddings matching its columns.</summary>
    public static void CheckGuide(LossDescriptor descriptor, EmbeddingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.GuideColumns is null)
        {
            throw new LossInputException($"{descriptor.Name} needs the guide model's embeddings (EmbeddingBatch.GuideColumns).");
        }

        if (batch.GuideColumns.Count != batch.Columns.Count)
        {
            throw new LossInputException($"{descriptor.Name}: {batch.GuideColumns.Count} guide columns for {batch.Columns.Count} columns.");
        }

        for (int column = 0; column < batch.GuideColumns.Count; column++)
        {
            if (batch.GuideColumns[column].shape[0] != batch.Columns[column].shape[0])
            {
                throw new LossInputException($"{descriptor.Name}: guide column {column} has {batch.GuideColumns[column].shape[0]} rows but column {column} has {batch.Columns[column].shape[0]}.");
            }
        }
    }

    private static void CheckLabels(LossDescriptor descriptor, Tensor? labels, long rows)
    {
        string loss = descriptor.Name;
        if (descriptor.Label == LabelKind.None)
        {
            return;
        }

        if (labels is null)
        {
            throw new LossInputException($"{loss} needs {descriptor.Label} labels ({descriptor.Input}); the batch has none.");
        }

        if (labels.dim() == 0 || labels.shape[0] != rows)
        {
            throw new LossInputException($"{loss}: the labels have {(labels.dim() == 0 ? 0 : labels.shape[0])} rows but the batch has {rows}.");
        }

        switch (descriptor.Label)
        {
            case LabelKind.ClassId when labels.is_floating_point() || labels.dim() != 1:
                throw new LossInputException($"{loss} needs one integer class id per row; got {labels.dtype} labels of shape [{string.Join(", ", labels.shape)}].");
            case LabelKind.Binary or LabelKind.Score when labels.dim() != 1:
                throw new LossInputException($"{loss} needs one {descriptor.Label} label per row; got shape [{string.Join(", ", labels.shape)}].");
            case LabelKind.Embedding or LabelKind.ScoreVector when labels.dim() != 2 && !(descriptor.Label == LabelKind.ScoreVector && labels.dim() == 1):
                throw new LossInputException($"{loss} needs a label vector per row; got shape [{string.Join(", ", labels.shape)}].");
        }

        if (descriptor.Label is LabelKind.Score or LabelKind.ScoreVector or LabelKind.Embedding or LabelKind.Binary
            && labels.is_floating_point() && !labels.isfinite().all().item<bool>())
        {
            long row = labels.isfinite().logical_not().nonzero()[0][0].item<long>();
            throw new LossInputException($"{loss}: the label of row {row} is not finite.");
        }
    }
}
