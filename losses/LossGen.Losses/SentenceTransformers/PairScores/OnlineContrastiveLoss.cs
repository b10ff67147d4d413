using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// OnlineContrastiveLoss: ContrastiveLoss on the hard pairs of the batch only: positives farther than the nearest
/// negative and negatives nearer than the farthest positive. Returns a sum, as the reference.
/// </summary>
[Loss]
[RequiresInput(InputKind.BinaryLabeledPair)]
public sealed partial class OnlineContrastiveLoss
{
    /// <summary>The distance between the two embeddings of a pair (<c>distance_metric</c>).</summary>
    [Distance(SiameseDistanceMetric.CosineDistance)]
    public partial SiameseDistanceMetric DistanceMetric { get; }

    /// <summary>The distance beyond which negative pairs cost nothing (<c>margin</c>).</summary>
    [Margin(0.5)]
    public partial float Margin { get; }

    [LossMath]
    private Tensor Compute(Tensor anchor, Tensor other, Tensor labels)
    {
        Tensor distances = Distances.Siamese(DistanceMetric, anchor, other);
        Tensor negatives = distances.masked_select(labels.eq(0));
        Tensor positives = distances.masked_select(labels.eq(1));

        // The reference switches thresholds when a side has a single element (its test is len > 1, not > 0); an empty
        // side yields a NaN threshold, which selects nothing.
        Tensor negativeThreshold = positives.shape[0] > 1 ? positives.max() : negatives.mean();
        Tensor positiveThreshold = negatives.shape[0] > 1 ? negatives.min() : positives.mean();
        Tensor hardNegatives = negatives.masked_select(negatives.lt(negativeThreshold));
        Tensor hardPositives = positives.masked_select(positives.gt(positiveThreshold));
        return hardPositives.square().sum().add(F.relu(hardNegatives.neg().add(Margin)).square().sum());
    }
}
