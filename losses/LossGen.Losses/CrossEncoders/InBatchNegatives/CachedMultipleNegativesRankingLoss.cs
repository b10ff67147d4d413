namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// CachedMultipleNegativesRankingLoss: MultipleNegativesRankingLoss with GradCache, so a large batch (many in-batch
/// negatives) fits in memory: the pairs are scored <c>mini_batch_size</c> at a time without a graph and re-scored
/// chunk by chunk in <c>backward()</c>. Its value and gradients equal MultipleNegativesRankingLoss's.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.AnchorPositiveNegatives)]
[Pairing(Pairing.InBatchNegatives)]
[Objective(Objective.CrossEntropy)]
[GradientCache(typeof(MultipleNegativesRankingLoss))]
public sealed partial class CachedMultipleNegativesRankingLoss
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

    /// <summary>Pairs scored per model call (<c>mini_batch_size</c>); memory, not the result, depends on it.</summary>
    [MiniBatchSize(32)]
    public partial int MiniBatchSize { get; }
}
