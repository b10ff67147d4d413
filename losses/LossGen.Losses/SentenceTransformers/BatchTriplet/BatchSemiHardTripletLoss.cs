namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// BatchSemiHardTripletLoss (FaceNet semi-hard mining): each anchor-positive pair against the nearest negative that is
/// still farther than the positive. A batch without any anchor-positive pair gives NaN (0/0), as in the reference.
/// </summary>
[Loss]
[RecommendsSampler(typeof(GroupByLabelBatchSampler<>))]
[RequiresInput(InputKind.LabeledText)]
[Pairing(Pairing.BatchSemiHard)]
[Objective(Objective.Hinge)]
[Citation(Citations.Hermans2017)]
public sealed partial class BatchSemiHardTripletLoss
{
    /// <summary>The distance between embeddings (<c>distance_metric</c>).</summary>
    [Distance(BatchDistanceMetric.Euclidean)]
    public partial BatchDistanceMetric DistanceMetric { get; }

    /// <summary>The hinge margin (<c>margin</c>).</summary>
    [Margin(5)]
    public partial float Margin { get; }
}
