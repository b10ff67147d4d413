using System;

namespace LossGen.Distributed;

/// <summary>How a batch of the single-process order is shared among the processes of a data-parallel run.</summary>
public static class DataParallelBatches
{
    /// <summary>
    /// Process <paramref name="rank"/>'s share of <paramref name="batch"/>: the <paramref name="rank"/>-th of
    /// <paramref name="size"/> contiguous parts, whose sizes differ by at most one row (a last, short batch).
    /// </summary>
    /// <exception cref="InvalidOperationException">The batch has fewer rows than there are processes.</exception>
    public static TextBatch Share(TextBatch batch, int rank, int size)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count < size)
        {
            throw new InvalidOperationException($"A batch of {batch.Count} rows cannot be shared by {size} processes; drop the last, short batch (TrainingArguments.DropLast) or use fewer processes.");
        }

        int start = (int)((long)rank * batch.Count / size), end = (int)((long)(rank + 1) * batch.Count / size);
        return batch.Rows(start, end - start);
    }
}
