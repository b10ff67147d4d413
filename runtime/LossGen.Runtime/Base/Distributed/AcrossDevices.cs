using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.SentenceTransformers.Losses;
using static TorchSharp.torch;

namespace LossGen.Distributed;

/// <summary>
/// <c>gather_across_devices</c> of the in-batch-negative losses: every rank's embeddings gathered, with gradients, so
/// that each rank scores its own rows against the candidates of all ranks; the positive of row i of rank r is at
/// r · b + i. Outside a data-parallel run it changes nothing.
/// </summary>
public static class AcrossDevices
{
    /// <summary>
    /// <paramref name="batch"/> with each column gathered across the current run's ranks
    /// (<see cref="ProcessGroups.Current"/>), and the index of this rank's first row in it (0 outside a run).
    /// </summary>
    /// <exception cref="InvalidOperationException">The ranks' shares differ in size (a last, short batch).</exception>
    public static (EmbeddingBatch Batch, long Offset) Gather(EmbeddingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (ProcessGroups.Current is not { Size: > 1 } group)
        {
            return (batch, 0);
        }

        long rows = CheckEqualShares(group, batch.Columns[0].shape[0]);
        Tensor[] gathered = batch.Columns.Select(column => AllGatherWithGradient.Apply(column, group)).ToArray();
        return (batch with { Columns = gathered }, group.Rank * rows);
    }

    /// <summary>
    /// GISTEmbed's gather: the anchors (column 0) stay this rank's, every other column is gathered with its gradient and
    /// every guide column but the anchors' without (the guide is not trained); with the index of this rank's first row.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ranks' shares differ in size (a last, short batch).</exception>
    public static (IReadOnlyList<Tensor> Columns, IReadOnlyList<Tensor> GuideColumns, long Offset) GatherCandidates(IReadOnlyList<Tensor> columns, IReadOnlyList<Tensor> guideColumns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(guideColumns);
        if (ProcessGroups.Current is not { Size: > 1 } group)
        {
            return (columns, guideColumns, 0);
        }

        long rows = CheckEqualShares(group, columns[0].shape[0]);
        Tensor[] gathered = [columns[0], .. columns.Skip(1).Select(column => AllGatherWithGradient.Apply(column, group))];
        Tensor[] guides = [guideColumns[0], .. guideColumns.Skip(1).Select(column => group.AllGather(column.detach()))];
        return (gathered, guides, group.Rank * rows);
    }

    // all_gather needs the same shape on every rank.
    private static long CheckEqualShares(IProcessGroup group, long rows)
    {
        using Tensor total = tensor(new[] { rows });
        group.AllReduce(total);
        return total.item<long>() == rows * group.Size
            ? rows
            : throw new InvalidOperationException($"gather_across_devices needs every rank to hold as many rows; rank {group.Rank} holds {rows} of {total.item<long>()}. Drop the last, short batch (TrainingArguments.DropLast).");
    }
}
