using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.LossAlgorithms;

/// <summary>
/// The masks and penalties of MultipleNegativesRankingLoss's direction blocks (v5.3), for a chunk of <c>rows</c> query
/// rows starting at row <c>start</c> of a batch of <c>batchSize</c>; documents are laid out positives first, then each
/// hard-negative column, so query i's own documents are the columns ≡ i (mod batchSize).
/// </summary>
public static class InBatchBlocks
{
    /// <summary>A query-to-query block <c>[rows, B]</c> without each query's similarity to itself (−∞).</summary>
    public static Tensor WithoutSelf(Tensor block, long start)
    {
        ArgumentNullException.ThrowIfNull(block);
        using var self = eye(block.shape[1], dtype: ScalarType.Bool, device: block.device).narrow(0, start, block.shape[0]);
        return block.masked_fill(self, double.NegativeInfinity);
    }

    /// <summary>A doc-to-doc block <c>[rows, B·(columns − 1)]</c> without each query's own documents (−∞).</summary>
    public static Tensor WithoutOwnDocuments(Tensor block, long start, long batchSize)
    {
        ArgumentNullException.ThrowIfNull(block);
        using var own = OwnDocuments(block, start, batchSize);
        return block.masked_fill(own, double.NegativeInfinity);
    }

    /// <summary>
    /// The hardness penalty <c>strength · sim</c> (Lan et al. 2025, Eq. 5) on the query-to-doc similarities, before
    /// scaling and detached, kept only on the negatives <paramref name="mode"/> names.
    /// </summary>
    public static Tensor HardnessPenalty(HardnessMode mode, double strength, Tensor similarities, long start, long batchSize)
    {
        ArgumentNullException.ThrowIfNull(similarities);
        using var scope = NewDisposeScope();
        var own = OwnDocuments(similarities, start, batchSize);
        var positives = own.logical_and(arange(similarities.shape[1], device: similarities.device).lt(batchSize).unsqueeze(0));
        var kept = mode switch
        {
            HardnessMode.InBatchNegatives => own.logical_not(),
            HardnessMode.HardNegatives => own.logical_and(positives.logical_not()),
            HardnessMode.AllNegatives => positives.logical_not(),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
        };
        return (strength * similarities.detach()).masked_fill(kept.logical_not(), 0).MoveToOuterDisposeScope();
    }

    /// <summary>The mean over blocks of each row's log-partition (<c>partition_mode="per_direction"</c>).</summary>
    public static Tensor MeanLogPartition(IReadOnlyList<Tensor> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        Tensor sum = blocks[0].logsumexp(1);
        for (int i = 1; i < blocks.Count; i++)
        {
            sum = sum + blocks[i].logsumexp(1);
        }

        return sum / blocks.Count;
    }

    // True at query (start + r)'s own documents: columns ≡ start + r (mod batchSize).
    private static Tensor OwnDocuments(Tensor block, long start, long batchSize)
    {
        using var scope = NewDisposeScope();
        var rows = arange(start, start + block.shape[0], device: block.device).unsqueeze(1);
        var columns = arange(block.shape[1], device: block.device).unsqueeze(0);
        return (columns % batchSize).eq(rows).MoveToOuterDisposeScope();
    }
}
