using System;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.LossAlgorithms;

/// <summary>
/// The Plackett-Luce likelihood of a ranking as sentence-transformers computes it, shared by ListMLELoss and
/// PListMLELoss (which weighs positions). No max-shift in the sum, as upstream: logits near 90 overflow in float32.
/// </summary>
public static class PlackettLuce
{
    private const double Epsilon = 1e-10;

    /// <summary>
    /// The mean over queries of −Σ_r λ_r log p_r, where the ranking is the input order, or the labels' order (stable,
    /// descending) when <paramref name="respectInputOrder"/> is <c>false</c>; λ is 1, or PListMLE's weights when
    /// <paramref name="weighPositions"/>.
    /// </summary>
    public static Tensor Loss(Tensor logits, Tensor labels, Tensor mask, bool respectInputOrder, bool weighPositions)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(mask);
        if (!mask.any().item<bool>())
        {
            return tensor(0.0f, device: logits.device, requires_grad: true);
        }

        // Padding as the reference pads: logits at 1e-16 (then masked out), labels at −∞ so they sort last.
        var scores = logits.masked_fill(mask.logical_not(), 1e-16);
        var sortedScores = scores;
        var sortedMask = mask;
        if (!respectInputOrder)
        {
            var (_, order) = labels.masked_fill(mask.logical_not(), double.NegativeInfinity).sort(dim: 1, descending: true, stable: true);
            sortedScores = scores.gather(1, order);
            sortedMask = mask.gather(1, order);
        }

        var exponentials = sortedScores.exp().masked_fill(sortedMask.logical_not(), 0.0);
        var remaining = exponentials.flip(1).cumsum(1).flip(1);
        var logProbabilities = sortedScores - (remaining + Epsilon).log();
        if (weighPositions)
        {
            // Position r (0-based) of n real documents weighs 2^(n − r) − 1, normalised per query.
            var count = mask.sum(1, keepdim: true, type: float32);
            var ranks = arange(mask.shape[1], dtype: float32, device: mask.device).expand_as(scores);
            var lambdas = (pow(2.0, count - ranks) - 1.0) * mask.to(float32);
            logProbabilities = logProbabilities * (lambdas / (lambdas.sum(1, keepdim: true) + Epsilon));
        }

        var perQuery = -logProbabilities.masked_fill(sortedMask.logical_not(), 0.0).sum(1);
        return perQuery.any().item<bool>() ? perQuery.mean() : tensor(0.0f, device: logits.device, requires_grad: true);
    }
}
