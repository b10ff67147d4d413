namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// BatchHardTripletLoss: for each anchor, its farthest positive against its nearest negative. The mean runs over all
/// anchors, including those without a positive, as in the reference.
/// </summary>
[Loss]
[RecommendsSampler(typeof(GroupByLabelBatchSampler<>))]
[RequiresInput(InputKind.LabeledText)]
[Pairing(Pairing.BatchHard)]
[Objective(Objective.Hinge)]
[Citation(Citations.Hermans2017)]
public sealed partial class BatchHardTripletLoss
{
    /// <summary>The distance between embeddings (<c>distance_metric</c>).</summary>
    [Distance(BatchDistanceMetric.Euclidean)]
    public partial BatchDistanceMetric DistanceMetric { get; }

    /// <summary>How much farther the hardest negative must be than the hardest positive (<c>margin</c>).</summary>
    [Margin(5)]
    public partial float Margin { get; }
}
