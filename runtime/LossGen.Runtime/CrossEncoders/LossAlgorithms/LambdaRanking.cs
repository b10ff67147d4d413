using System;
using LossGen.CrossEncoders.Losses;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.LossAlgorithms;

/// <summary>
/// LambdaLoss as sentence-transformers computes it (the allRank formulation, Wang et al. 2018), shared by LambdaLoss
/// and RankNetLoss (its <see cref="LambdaWeightingScheme.NoWeightingScheme"/> case).
/// </summary>
public static class LambdaRanking
{
    /// <summary>
    /// The loss of the listwise <paramref name="logits"/> (<c>[B, max_docs]</c>, activated) against
    /// <paramref name="labels"/>: −mean over the batch of the selected pairs' log weighted probabilities.
    /// </summary>
    public static Tensor Loss(Tensor logits, Tensor labels, Tensor mask, LambdaWeightingScheme scheme, float mu, int? k, float sigma, float eps, ReductionLog reductionLog)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(mask);
        long maxDocs = logits.shape[1];

        // Padding as the reference pads: logits at −1e16, labels at −∞ (so padded pairs are never selected).
        var scores = logits.masked_fill(mask.logical_not(), -1e16);
        var truth = labels.masked_fill(mask.logical_not(), double.NegativeInfinity);
        var (scoresSorted, order) = scores.sort(dim: -1, descending: true);
        var (truthSorted, _) = truth.sort(dim: -1, descending: true);
        var trueByPredictions = truth.gather(1, order);

        var trueDiffs = trueByPredictions.unsqueeze(2) - trueByPredictions.unsqueeze(1);
        var selected = trueDiffs.isfinite();
        if (scheme != LambdaWeightingScheme.NDCGLoss1Scheme)
        {
            selected = selected.logical_and(trueDiffs > 0);
        }

        long cut = Math.Min(k ?? maxDocs, maxDocs);
        var inTopK = arange(maxDocs, device: logits.device) < cut;
        selected = selected.logical_and(inTopK.unsqueeze(1).logical_and(inTopK.unsqueeze(0)));

        // Gains use labels clamped at 0; positions a = 0..N−1 have discount log2(a + 2).
        trueByPredictions = trueByPredictions.clamp(min: 0.0);
        truthSorted = truthSorted.clamp(min: 0.0);
        var discount = log2(1.0 + arange(1, maxDocs + 1, dtype: float32, device: logits.device)).unsqueeze(0);
        var maxDcgs = ((pow(2, truthSorted) - 1) / discount).narrow(1, 0, cut).sum(-1).clamp(min: eps);
        var gain = (pow(2, trueByPredictions) - 1) / maxDcgs.unsqueeze(1);
        var weights = Weights(scheme, mu, gain, discount);

        var scoreDiffs = (scoresSorted.unsqueeze(2) - scoresSorted.unsqueeze(1)).clamp(-1e8, 1e8);
        scoreDiffs = scoreDiffs.masked_fill(scoreDiffs.isnan(), 0.0);
        var weightedProbabilities = (sigmoid(sigma * scoreDiffs).clamp(min: eps).pow(weights)).clamp(min: eps);
        var losses = reductionLog == ReductionLog.Natural ? weightedProbabilities.log() : weightedProbabilities.log2();
        return -losses.masked_select(selected).mean();
    }

    /// <summary>The weight of each pair of ranked positions (<c>[B, N, N]</c>, or a scalar for RankNet).</summary>
    private static Tensor Weights(LambdaWeightingScheme scheme, float mu, Tensor gain, Tensor discount) => scheme switch
    {
        LambdaWeightingScheme.NoWeightingScheme => tensor(1.0f, device: gain.device),
        LambdaWeightingScheme.NDCGLoss1Scheme => (gain / discount).unsqueeze(2),
        LambdaWeightingScheme.NDCGLoss2Scheme => NdcgLoss2(gain, discount),
        LambdaWeightingScheme.LambdaRankScheme => LambdaRank(gain, discount),
        LambdaWeightingScheme.NDCGLoss2PPScheme => (mu * NdcgLoss2(gain, discount)) + LambdaRank(gain, discount),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
    };

    private static Tensor NdcgLoss2(Tensor gain, Tensor discount)
    {
        long n = gain.shape[1];
        var positions = arange(1, n + 1, device: gain.device);
        var delta = (positions.unsqueeze(1) - positions.unsqueeze(0)).abs();

        // discount[0, delta − 1] wraps to the last position on the diagonal in Python; the diagonal is zeroed anyway.
        var before = discount[0].index_select(0, (delta - 1).remainder(n).flatten()).view(n, n);
        var at = discount[0].index_select(0, delta.flatten()).view(n, n);
        var deltas = (before.abs().pow(-1.0) - at.abs().pow(-1.0)).abs().masked_fill(eye(n, dtype: ScalarType.Bool, device: gain.device), 0.0);
        return deltas.unsqueeze(0) * (gain.unsqueeze(2) - gain.unsqueeze(1)).abs();
    }

    private static Tensor LambdaRank(Tensor gain, Tensor discount) =>
        (discount.unsqueeze(2).pow(-1.0) - discount.unsqueeze(1).pow(-1.0)).abs() * (gain.unsqueeze(2) - gain.unsqueeze(1)).abs();
}
