using System;
using LossGen.Training;

namespace LossGen.Distributed;

/// <summary>How the batches of a data-parallel run are formed and shared among its processes.</summary>
public static class DataParallelBatches
{
    /// <summary>
    /// The arguments the batch order is drawn with: N processes draw the single-process order of N ×
    /// <see cref="TrainingArguments.BatchSize"/> rows (a per-process batch size, as <c>per_device_train_batch_size</c>)
    /// and take their shares of each batch, so a seeded run keeps one order whatever the number of processes.
    /// </summary>
    public static TrainingArguments AcrossProcesses(TrainingArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        int processes = (arguments.ProcessGroup ?? ProcessGroups.FromEnvironment())?.Size ?? 1;
        return processes == 1 ? arguments : arguments with { BatchSize = arguments.BatchSize * processes };
    }

    /// <summary>
    /// Process <paramref name="rank"/>'s part of a batch of <paramref name="rows"/> rows: the <paramref name="rank"/>-th
    /// of <paramref name="size"/> contiguous parts, whose sizes differ by at most one row (a last, short batch).
    /// </summary>
    /// <exception cref="InvalidOperationException">The batch has fewer rows than there are processes.</exception>
    public static (int Start, int Count) Part(int rows, int rank, int size)
    {
        if (rows < size)
        {
            throw new InvalidOperationException($"A batch of {rows} rows cannot be shared by {size} processes; drop the last, short batch (TrainingArguments.DropLast) or use fewer processes.");
        }

        int start = (int)((long)rank * rows / size), end = (int)((long)(rank + 1) * rows / size);
        return (start, end - start);
    }

    /// <summary>Process <paramref name="rank"/>'s share of <paramref name="batch"/> (see <see cref="Part"/>).</summary>
    /// <exception cref="InvalidOperationException">The batch has fewer rows than there are processes.</exception>
    public static TextBatch Share(TextBatch batch, int rank, int size)
    {
        ArgumentNullException.ThrowIfNull(batch);
        (int start, int count) = Part(batch.Count, rank, size);
        return batch.Rows(start, count);
    }
}
