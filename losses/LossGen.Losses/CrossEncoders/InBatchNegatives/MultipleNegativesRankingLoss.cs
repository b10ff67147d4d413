namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// MultipleNegativesRankingLoss for rerankers: each query's positive scored against negatives drawn from the other
/// rows (their positives and hard negatives) and against its own hard negatives; cross-entropy with the positive as
/// the target. Needs only (query, positive) pairs, optionally with hard negatives.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.AnchorPositiveNegatives)]
[Pairing(Pairing.InBatchNegatives)]
[Objective(Objective.CrossEntropy)]
public sealed partial class MultipleNegativesRankingLoss
{
    /// <summary>In-batch negatives drawn per query (<c>num_negatives</c>); <c>null</c> takes every valid one.</summary>
    [HyperParameter(4, Minimum = 1)]
    public partial int? NumNegatives { get; }

    /// <summary>The factor the activated scores are multiplied by before the softmax (<c>scale</c>); 0 leaves them unscaled, as upstream.</summary>
    [HyperParameter(10f, Minimum = 0)]
    public partial float Scale { get; }

    /// <summary>The activation applied to the scores before scaling (<c>activation_fn</c>); <c>null</c> applies none.</summary>
    [HyperParameter(ActivationFunction.Sigmoid)]
    public partial ActivationFunction? ActivationFn { get; }
}
