namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// BatchHardSoftMarginTripletLoss: batch-hard mining with a soft margin, <c>softplus(d(a,p) − d(a,n))</c>, so no margin
/// has to be chosen. The softplus is the stable form of the reference's <c>log1p(exp(x))</c>.
/// </summary>
[Loss]
[RecommendsSampler(typeof(GroupByLabelBatchSampler<>))]
[RequiresInput(InputKind.LabeledText)]
[Pairing(Pairing.BatchHard)]
[Objective(Objective.SoftMargin)]
[Citation(Citations.Hermans2017)]
public sealed partial class BatchHardSoftMarginTripletLoss
{
    /// <summary>The distance between embeddings (<c>distance_metric</c>).</summary>
    [Distance(BatchDistanceMetric.Euclidean)]
    public partial BatchDistanceMetric DistanceMetric { get; }
}
