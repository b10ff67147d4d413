namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// MultipleNegativesRankingLoss (InfoNCE, in-batch negatives): each anchor must pick its own positive among every
/// positive and hard negative of the batch. Works on (anchor, positive) pairs or with any number of negative columns.
/// </summary>
[Loss]
[RecommendsSampler(typeof(NoDuplicatesBatchSampler<>))]
[RequiresInput(InputKind.AnchorPositiveNegatives)]
[Pairing(Pairing.InBatchNegatives)]
[Objective(Objective.CrossEntropy)]
[Citation(Citations.Henderson2017)]
public sealed partial class MultipleNegativesRankingLoss
{
    /// <summary>The inverse temperature applied to similarities (<c>scale</c>); use 1 with <c>dot_score</c>.</summary>
    [Scale(20)]
    public partial float Scale { get; }

    /// <summary>The similarity matrix function (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.CosSim)]
    public partial SimilarityFunction SimilarityFct { get; }
}
