namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// BatchAllTripletLoss: every valid (anchor, positive, negative) triplet of a labelled batch, averaged over the triplets
/// whose hinge is positive. Needs single texts with class labels and batches holding several texts per label.
/// Unlike the reference it never builds the B×B×B tensor.
/// </summary>
[Loss]
[RecommendsSampler(typeof(GroupByLabelBatchSampler<>))]
[RequiresInput(InputKind.LabeledText)]
[Pairing(Pairing.BatchAll)]
[Objective(Objective.Hinge)]
[Citation(Citations.Hermans2017)]
public sealed partial class BatchAllTripletLoss
{
    /// <summary>The distance between embeddings (<c>distance_metric</c>).</summary>
    [Distance(BatchDistanceMetric.Euclidean)]
    public partial BatchDistanceMetric DistanceMetric { get; }

    /// <summary>How much farther the negative must be than the positive (<c>margin</c>).</summary>
    [Margin(5)]
    public partial float Margin { get; }
}
