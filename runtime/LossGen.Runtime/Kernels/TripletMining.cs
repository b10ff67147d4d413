using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Kernels;

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
    public static Tensor BatchAll(Tensor distances, Tensor labels, double margin)
    {
        using var scope = NewDisposeScope();
        (Tensor positives, Tensor negatives) = Masks(labels);

        // Per-anchor sums in float64: cnt·(d_ap + m) − Σ d_an cancels heavily when many negatives are active.
        Tensor d = distances.to(ScalarType.Float64);
        Tensor sortedNegatives = d.masked_fill(negatives.logical_not(), double.PositiveInfinity).sort(dim: 1, stable: true).Values;
        long batch = d.shape[0];
        Tensor prefixSums = cat([zeros(batch, 1, dtype: d.dtype, device: d.device), sortedNegatives.cumsum(1)], 1);

        // relu(x) has a zero at x == 0 that still passes gradient in the reference (it zeroes only x < 0), so terms
        // with d_an == d_ap + m count for the gradient (right bisection) but not for the number of active triplets.
        Tensor thresholds = d.add(margin);
        Tensor activeWithTies = searchsorted(sortedNegatives, thresholds, right: true);
        Tensor activeStrict = searchsorted(sortedNegatives, thresholds, right: false);
        Tensor positiveMask = positives.to(d.dtype);
        Tensor terms = activeWithTies.to(d.dtype).mul(thresholds).sub(prefixSums.gather(1, activeWithTies)).mul(positiveMask);
        Tensor count = activeStrict.to(d.dtype).mul(positiveMask).sum();
        return terms.sum().div(count.add(1e-16)).to(distances.dtype).MoveToOuterDisposeScope();
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
    /// or the anchor's farthest negative when none is; NaN when the batch has no anchor-positive pair, as the reference.
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
        return hinged.sum().div(positiveMask.sum()).MoveToOuterDisposeScope();
    }

    private static (Tensor Positives, Tensor Negatives) Masks(Tensor labels)
    {
        Tensor same = labels.unsqueeze(0).eq(labels.unsqueeze(1));
        Tensor notSelf = eye(labels.shape[0], dtype: ScalarType.Bool, device: labels.device).logical_not();
        return (same.logical_and(notSelf), same.logical_not());
    }
}
