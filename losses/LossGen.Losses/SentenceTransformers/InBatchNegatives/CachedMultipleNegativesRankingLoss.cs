namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// CachedMultipleNegativesRankingLoss: MultipleNegativesRankingLoss computed with GradCache, so the batch size (and the
/// number of in-batch negatives) is no longer bounded by memory. Same value and gradients as the uncached loss.
/// </summary>
[Loss]
[RecommendsSampler(typeof(NoDuplicatesBatchSampler<>))]
[RequiresInput(InputKind.AnchorPositiveNegatives)]
[Pairing(Pairing.InBatchNegatives)]
[Objective(Objective.CrossEntropy)]
[GradientCache(typeof(MultipleNegativesRankingLoss))]
[Citation(Citations.GradCache)]
public sealed partial class CachedMultipleNegativesRankingLoss
{
    /// <summary>The inverse temperature applied to similarities (<c>scale</c>).</summary>
    [Scale(20)]
    public partial float Scale { get; }

    /// <summary>The similarity matrix function (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.CosSim)]
    public partial SimilarityFunction SimilarityFct { get; }

    /// <summary>Rows embedded and scored at once (<c>mini_batch_size</c>); bounds memory, not the result.</summary>
    [MiniBatchSize(32)]
    public partial int MiniBatchSize { get; }
}
