using System;
using TorchSharp;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.LossAlgorithms;

/// <summary>
/// Triplet mining over a B×B distance matrix and integer labels (the batch triplet losses). No B×B×B tensor is built:
/// batch-all and semi-hard sort each anchor's negative distances once and answer every positive with a binary search,
/// so memory stays O(B²) and time O(B² log B).
/// </summary>
public static class TripletMining
{
    /// <summary>
    /// BatchAllTripletLoss: the mean of <c>relu(d(a,p) − d(a,n) + margin)</c> over the triplets where it is positive;
    /// exactly 0 when there are none.
    /// </summary>
    /// <remarks>
    /// The value and its gradient with respect to the distances are computed together without a graph, anchor rows
    /// in chunks, then attached to <paramref name="distances"/> as a linear surrogate: autograd keeps one B×B tensor.
    /// </remarks>
    public static Tensor BatchAll(Tensor distances, Tensor labels, double margin)
    {
        using var scope = NewDisposeScope();
        long batch = distances.shape[0];
        long chunk = Math.Max(1, (1L << 22) / batch);
        Tensor gradient = zeros(batch, batch, dtype: ScalarType.Float64, device: distances.device);
        double total = 0, active = 0;
        using (no_grad())
        {
            Tensor d = distances.detach().to(ScalarType.Float64);
            for (long start = 0; start < batch; start += chunk)
            {
                using var rows = NewDisposeScope();
                long length = Math.Min(chunk, batch - start);
                (double chunkTotal, double chunkActive) = BatchAllRows(d.narrow(0, start, length), labels.narrow(0, start, length), labels, start, margin, gradient.narrow(0, start, length));
                total += chunkTotal;
                active += chunkActive;
            }

            gradient.div_(active + 1e-16);
        }

        Tensor value = tensor(total / (active + 1e-16), dtype: distances.dtype, device: distances.device);
        Tensor surrogate = distances.mul(gradient.to(distances.dtype)).sum();
        return value.add(surrogate.sub(surrogate.detach())).MoveToOuterDisposeScope();
    }

    // For anchor rows d (rows × B): Σ of active hinge terms, the number of strictly positive ones, and ∂Σ/∂d into gradient.
    private static (double Total, double Active) BatchAllRows(Tensor d, Tensor rowLabels, Tensor labels, long offset, double margin, Tensor gradient)
    {
        long batch = d.shape[1];
        Tensor same = rowLabels.unsqueeze(1).eq(labels.unsqueeze(0));
        Tensor self = arange(d.shape[0], device: d.device).add(offset).unsqueeze(1).eq(arange(batch, device: d.device).unsqueeze(0));
        Tensor positives = same.logical_and(self.logical_not());
        Tensor negatives = same.logical_not();
        Tensor positiveMask = positives.to(d.dtype);

        // Each (anchor, positive) pair: the negatives with d_an <= d_ap + m are active. relu(x) at x == 0 still passes
        // gradient in the reference (it zeroes only x < 0), so ties count for the gradient but not for the divisor.
        Tensor sortedNegatives = d.masked_fill(negatives.logical_not(), double.PositiveInfinity).sort(dim: 1).Values;
        Tensor thresholds = d.add(margin);
        Tensor withTies = searchsorted(sortedNegatives, thresholds, right: true);
        Tensor strict = searchsorted(sortedNegatives, thresholds, right: false);
        Tensor prefixSums = cat([zeros(d.shape[0], 1, dtype: d.dtype, device: d.device), sortedNegatives.nan_to_num(posinf: 0).cumsum(1)], 1);
        double total = withTies.to(d.dtype).mul(thresholds).sub(prefixSums.gather(1, withTies)).mul(positiveMask).sum().item<double>();
        double active = strict.to(d.dtype).mul(positiveMask).sum().item<double>();

        // Each (anchor, negative) pair is active for the positives with d_ap >= d_an − m.
        Tensor sortedPositives = d.masked_fill(positives.logical_not(), double.NegativeInfinity).sort(dim: 1).Values;
        Tensor positiveCount = positives.sum(1, keepdim: true);
        Tensor below = searchsorted(sortedPositives, d.sub(margin), right: false).sub(positiveCount.neg().add(batch));
        Tensor activeForNegative = positiveCount.sub(below).to(d.dtype).mul(negatives.to(d.dtype));
        gradient.copy_(withTies.to(d.dtype).mul(positiveMask).sub(activeForNegative));
        return (total, active);
    }

    /// <summary>
    /// Batch-hard mining: for each anchor the farthest positive (0 when it has none) and the nearest negative (its
    /// farthest distance when it has none), as BatchHardTripletLoss computes them.
    /// </summary>
    public static (Tensor HardestPositive, Tensor HardestNegative) BatchHard(Tensor distances, Tensor labels)
    {
        using var scope = NewDisposeScope();
        (Tensor positives, Tensor negatives) = Masks(labels);
        Tensor hardestPositive = positives.to(distances.dtype).mul(distances).max(1).values;
        Tensor farthest = distances.max(1, keepdim: true).values;
        Tensor hardestNegative = distances.add(farthest.mul(negatives.logical_not().to(distances.dtype))).min(1).values;
        return (hardestPositive.MoveToOuterDisposeScope(), hardestNegative.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// BatchSemiHardTripletLoss (FaceNet): for each anchor-positive pair the nearest negative farther than the positive,
    /// or the anchor's farthest negative when none is. A batch with no anchor-positive pair gives 0 with zero gradients
    /// (the reference returns NaN, 0/0) and a warning through <see cref="Diagnostics.LossGenLogging"/>.
    /// </summary>
    public static Tensor BatchSemiHard(Tensor distances, Tensor labels, double margin)
    {
        using var scope = NewDisposeScope();
        long batch = distances.shape[0];
        Tensor sameLabel = labels.unsqueeze(0).eq(labels.unsqueeze(1));
        Tensor negatives = sameLabel.logical_not();

        Tensor sortedNegatives = distances.masked_fill(negatives.logical_not(), double.PositiveInfinity).sort(dim: 1, stable: true).Values;
        Tensor negativeCount = negatives.sum(1, keepdim: true);
        Tensor firstOutside = searchsorted(sortedNegatives.detach(), distances.detach(), right: true);
        Tensor hasOutside = firstOutside.lt(negativeCount);
        Tensor nearestOutside = sortedNegatives.gather(1, firstOutside.clamp_max(batch - 1));

        // The reference's masked max returns the row minimum (0 on the diagonal) when an anchor has no negative.
        Tensor rowMin = distances.min(1, keepdim: true).values;
        Tensor farthestNegative = where(
            negativeCount.gt(0),
            distances.masked_fill(negatives.logical_not(), double.NegativeInfinity).max(1, keepdim: true).values,
            rowMin);
        Tensor semiHard = where(hasOutside, nearestOutside, farthestNegative);

        Tensor positiveMask = sameLabel.to(distances.dtype).sub(eye(batch, dtype: distances.dtype, device: distances.device));
        Tensor lossMatrix = distances.sub(semiHard).add(margin).mul(positiveMask);
        Tensor hinged = maximum(lossMatrix, zeros(1, dtype: distances.dtype, device: distances.device));
        Tensor pairs = positiveMask.sum();

        // Only a listening logger pays the host sync that counting the pairs costs.
        if (SemiHardLogger.IsEnabled(LogLevel.Warning) && pairs.sum().to(ScalarType.Float64).item<double>() == 0)
        {
            SemiHardLogger.LogWarning("BatchSemiHardTripletLoss: the batch of {Rows} rows has no anchor-positive pair (no two rows share a label), so its loss is 0 and it teaches nothing; batch with GroupByLabelBatchSampler.", batch);
        }

        return hinged.sum().div(pairs.clamp_min(1)).MoveToOuterDisposeScope();
    }

    private static ILogger SemiHardLogger => Diagnostics.LossGenLogging.LoggerFactory.CreateLogger("LossGen.Losses.BatchSemiHardTripletLoss");

    private static (Tensor Positives, Tensor Negatives) Masks(Tensor labels)
    {
        Tensor same = labels.unsqueeze(0).eq(labels.unsqueeze(1));
        Tensor notSelf = eye(labels.shape[0], dtype: ScalarType.Bool, device: labels.device).logical_not();
        return (same.logical_and(notSelf), same.logical_not());
    }
}
