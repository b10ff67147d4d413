using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Kernels;

/// <summary>CoSENT's ranking objective over pairwise scores (CoSENTLoss, AnglELoss).</summary>
public static class CoSentRanking
{
    // Excluded pairs are pushed to -1e12 so exp() makes them vanish, as the reference does.
    private const double Excluded = 1e12;

    /// <summary>
    /// <c>log(1 + Σ_{y_i &lt; y_j} exp(s_i − s_j))</c>: one value for the batch, no averaging; 0 when all labels are equal.
    /// </summary>
    /// <param name="scaledScores">The scaled pairwise similarities, one per row.</param>
    /// <param name="labels">The gold scores.</param>
    public static Tensor Loss(Tensor scaledScores, Tensor labels)
    {
        using var scope = NewDisposeScope();
        Tensor differences = scaledScores.unsqueeze(1).sub(scaledScores.unsqueeze(0));
        Tensor ranked = labels.unsqueeze(1).lt(labels.unsqueeze(0)).to(differences.dtype);
        differences = differences.sub(ranked.neg().add_(1).mul_(Excluded));
        Tensor flat = cat([zeros(1, dtype: differences.dtype, device: differences.device), differences.view(-1)], 0);
        return logsumexp(flat, 0).MoveToOuterDisposeScope();
    }
}
