namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// TripletLoss: <c>mean(relu(d(a,p) − d(a,n) + triplet_margin))</c> over (anchor, positive, negative) triplets. Euclidean
/// and Manhattan are positive distances, as documented (sentence-transformers 5.x inverts them; see the catalogue's divergences).
/// </summary>
[Loss]
[RequiresInput(InputKind.Triplet)]
[Pairing(Pairing.Triplet)]
[Objective(Objective.Hinge)]
[Citation(Citations.Hermans2017)]
public sealed partial class TripletLoss
{
    /// <summary>The distance between embeddings (<c>distance_metric</c>).</summary>
    [Distance(TripletDistanceMetric.Euclidean)]
    public partial TripletDistanceMetric DistanceMetric { get; }

    /// <summary>How much farther the negative must be than the positive (<c>triplet_margin</c>).</summary>
    [Margin(5)]
    public partial float TripletMargin { get; }
}
