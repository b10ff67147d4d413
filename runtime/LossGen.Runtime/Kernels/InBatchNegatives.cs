using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Kernels;

/// <summary>
/// Cross-entropy over in-batch scores (MultipleNegativesRankingLoss and its symmetric, cached and learnable-scale
/// variants): anchor i must pick candidate i among all candidates of the batch.
/// </summary>
public static class InBatchNegatives
{
    /// <summary>The loss with a constant scale.</summary>
    /// <param name="columns">Anchors, positives, then any hard-negative columns.</param>
    /// <param name="similarity">A matrix similarity.</param>
    /// <param name="scale">The inverse temperature.</param>
    /// <param name="symmetric">Also score each positive against all anchors and average both directions.</param>
    /// <param name="miniBatchSize">Anchors per chunk (the cached losses' summation order), or <c>null</c> for one chunk.</param>
    public static Tensor CrossEntropy(IReadOnlyList<Tensor> columns, SimilarityFunction similarity, double scale, bool symmetric, int? miniBatchSize = null) =>
        Compute(columns, similarity, scores => scores.mul_(scale), symmetric, miniBatchSize);

    /// <summary>The loss with a trainable scale (<c>exp(logit_scale)</c>, ContrastiveTensionLossInBatchNegatives).</summary>
    public static Tensor CrossEntropy(IReadOnlyList<Tensor> columns, SimilarityFunction similarity, Tensor scale, bool symmetric, int? miniBatchSize = null) =>
        Compute(columns, similarity, scores => scores.mul(scale), symmetric, miniBatchSize);

    private static Tensor Compute(IReadOnlyList<Tensor> columns, SimilarityFunction similarity, Func<Tensor, Tensor> applyScale, bool symmetric, int? miniBatchSize)
    {
        using var scope = NewDisposeScope();
        Tensor anchors = columns[0];
        long batch = anchors.shape[0];
        Tensor candidates = columns.Count == 2 ? columns[1] : cat(columns.Skip(1).ToArray(), 0);
        Tensor targets = arange(batch, dtype: ScalarType.Int64, device: anchors.device);
        long chunk = miniBatchSize is int size ? Math.Min(size, batch) : batch;

        Tensor? total = null;
        for (long start = 0; start < batch; start += chunk)
        {
            long end = Math.Min(start + chunk, batch);
            Tensor scores = applyScale(Similarities.Matrix(similarity, anchors.narrow(0, start, end - start), candidates));
            Tensor chunkTargets = targets.narrow(0, start, end - start);
            Tensor loss = F.cross_entropy(scores, chunkTargets);
            if (symmetric)
            {
                // Backward direction: each positive against all anchors. Without chunks this is the transposed
                // anchor-positive block, exactly as the reference computes it.
                Tensor backwardScores = chunk == batch
                    ? scores.narrow(1, 0, batch).t()
                    : applyScale(Similarities.Matrix(similarity, columns[1].narrow(0, start, end - start), anchors));
                loss = loss.add(F.cross_entropy(backwardScores, chunkTargets)).div_(2);
            }

            if (chunk != batch)
            {
                loss = loss.mul((double)(end - start) / batch);
            }

            total = total is null ? loss : total.add(loss);
        }

        return total!.MoveToOuterDisposeScope();
    }
}
