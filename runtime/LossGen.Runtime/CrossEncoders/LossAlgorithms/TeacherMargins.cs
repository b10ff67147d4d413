using System.Linq;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.LossAlgorithms;

/// <summary>The teacher margins MarginMSELoss regresses onto, from either form of label sentence-transformers accepts.</summary>
public static class TeacherMargins
{
    /// <summary>
    /// The targets for <paramref name="margins"/> <c>[B, n]</c>: <paramref name="labels"/> as given when they are the n
    /// teacher margins (or one margin per row), or the positive's score minus each negative's when they are the n + 1
    /// teacher scores. Any other shape is refused with the reference's message.
    /// </summary>
    /// <param name="labels">The batch's labels: <c>[B]</c>, <c>[B, n]</c> or <c>[B, n + 1]</c>.</param>
    /// <param name="margins">The student's margins, <c>[B, n]</c>.</param>
    /// <returns>The teacher margins as float32, <c>[B, n]</c>; intermediates land in the caller's dispose scope.</returns>
    /// <exception cref="LossInputException">The labels fit neither form.</exception>
    public static Tensor Of(Tensor labels, Tensor margins)
    {
        System.ArgumentNullException.ThrowIfNull(labels);
        System.ArgumentNullException.ThrowIfNull(margins);
        long negatives = margins.shape[1];
        var targets = labels.dim() == 1 ? labels.unsqueeze(1)
            : labels.shape[1] == negatives + 1 ? labels.narrow(1, 0, 1) - labels.narrow(1, 1, negatives)
            : labels;
        if (!targets.shape.SequenceEqual(margins.shape))
        {
            throw new LossInputException($"Labels shape [{string.Join(", ", labels.shape)}] does not match expected shape [{margins.shape[0]}, {negatives}]. Ensure that your dataset labels/scores are 1) lists of differences between positive scores and negatives scores (length `num_negatives`), or 2) lists of positive and negative scores (length `num_negatives + 1`).");
        }

        return targets.to(ScalarType.Float32);
    }
}
