using System;
using System.ComponentModel;
using System.Linq;
using LossGen.SentenceTransformers.Losses;
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
        // A model-copy loss over one text column sees it embedded twice (the copy's, then the model's).
        int embeddingsPerText = descriptor.Traits.HasFlag(LossTraits.ModelCopy) && descriptor.MaxColumns == 1 ? 2 : 1;
        int least = descriptor.MinColumns * embeddingsPerText;
        int? most = descriptor.MaxColumns * embeddingsPerText;
        if (count < least || (most is int max && count > max))
        {
            string expected = most is int bound
                ? bound == least ? $"{bound}" : $"{least} to {bound}"
                : $"at least {least}";
            string what = embeddingsPerText == 2 ? "embedding column(s): one text column through the model copy and the model" : "text column(s)";
            throw new LossInputException($"{loss} expects {expected} {what} ({descriptor.Input}); got {count}.");
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

            if (embeddings.shape[1] == 0)
            {
                throw new LossInputException($"{loss}: column {column} has zero-width embeddings [{embeddings.shape[0]}, 0].");
            }

            if (rows < 0)
            {
                rows = embeddings.shape[0];
            }
            else if (embeddings.shape[0] != rows)
            {
                throw new LossInputException($"{loss}: column {column} has {embeddings.shape[0]} rows but column 0 has {rows}.");
            }
            else if (embeddings.shape[1] != batch.Columns[0].shape[1])
            {
                throw new LossInputException($"{loss}: column {column} has {embeddings.shape[1]}-dimensional embeddings but column 0 has {batch.Columns[0].shape[1]}; every column comes from the same model.");
            }
        }

        if (rows == 0)
        {
            throw new LossInputException($"{loss}: the batch is empty.");
        }

        if (batch.Labels is not null || !(count >= descriptor.Input?.LabelsOptionalFrom()))
        {
            CheckLabels(descriptor, batch.Labels, rows);
        }
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
            case LabelKind.ScoreVector when labels.dim() is not (1 or 2):
                throw new LossInputException($"{loss} needs a label vector per row; got shape [{string.Join(", ", labels.shape)}].");
            case LabelKind.Embedding when labels.dim() is not (2 or 3):
                throw new LossInputException($"{loss} needs a teacher embedding per row [B, D], or one per row and column [B, columns, D]; got shape [{string.Join(", ", labels.shape)}].");
        }

        if (descriptor.Label is LabelKind.Score or LabelKind.ScoreVector or LabelKind.Embedding or LabelKind.Binary
            && labels.is_floating_point() && !labels.isfinite().all().item<bool>())
        {
            long row = labels.isfinite().logical_not().nonzero()[0][0].item<long>();
            throw new LossInputException($"{loss}: the label of row {row} is not finite.");
        }

        if (descriptor.Label == LabelKind.Binary && labels.ne(0).logical_and(labels.ne(1)).any().item<bool>())
        {
            long row = labels.ne(0).logical_and(labels.ne(1)).nonzero()[0][0].item<long>();
            throw new LossInputException($"{loss} needs 0/1 labels; row {row} has {labels[row].to(ScalarType.Float64).item<double>()}.");
        }
    }

    /// <summary>
    /// Returns <paramref name="loss"/> when it and every embedding are finite; otherwise raises
    /// <see cref="LossInputException"/> naming the loss and the cause: the first column and row holding NaN or Inf (a
    /// loss can stay finite while such a row poisons its gradient), a zero embedding row, or an overflow. The check costs
    /// one host sync, the one reading the loss costs anyway; the inputs are searched only once it has failed.
    /// </summary>
    public static Tensor CheckResult(LossDescriptor descriptor, EmbeddingBatch batch, Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(loss);
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            Tensor finite = loss.isfinite().all();
            foreach (Tensor column in batch.Columns)
            {
                finite = finite.logical_and(column.isfinite().all());
            }

            if (finite.item<bool>())
            {
                return loss;
            }
        }

        string value = loss.isnan().any().item<bool>() ? "NaN" : "infinite";
        for (int column = 0; column < batch.Columns.Count; column++)
        {
            using Tensor bad = batch.Columns[column].detach().isfinite().logical_not().any(1);
            if (bad.any().item<bool>())
            {
                long row = bad.nonzero()[0][0].item<long>();
                throw new LossInputException($"{descriptor.Name}: column {column}, row {row} of the embeddings holds NaN or Inf (the loss is {value}).");
            }
        }

        for (int column = 0; column < (batch.GuideColumns?.Count ?? 0); column++)
        {
            using Tensor bad = batch.GuideColumns![column].detach().isfinite().logical_not().any(1);
            if (bad.any().item<bool>())
            {
                throw new LossInputException($"{descriptor.Name}: the loss is {value} because guide column {column}, row {bad.nonzero()[0][0].item<long>()} holds NaN or Inf.");
            }
        }

        for (int column = 0; column < batch.Columns.Count; column++)
        {
            using Tensor zero = batch.Columns[column].detach().ne(0).any(1).logical_not();
            if (zero.any().item<bool>())
            {
                throw new LossInputException($"{descriptor.Name}: the loss is {value}; column {column}, row {zero.nonzero()[0][0].item<long>()} is a zero vector, which has no direction to compare.");
            }
        }

        double largest = batch.Columns.Select(c => c.detach().abs().max().to(ScalarType.Float64).item<double>()).Max();
        throw new LossInputException($"{descriptor.Name}: the loss is {value} although every input is finite; the computation overflows {loss.dtype} (the largest input magnitude is {largest:G3}).");
    }
}
