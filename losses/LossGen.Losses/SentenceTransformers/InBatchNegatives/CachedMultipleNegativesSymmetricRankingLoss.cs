namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// CachedMultipleNegativesSymmetricRankingLoss: MultipleNegativesSymmetricRankingLoss computed with GradCache.
/// Same value and gradients as the uncached loss.
/// </summary>
[Loss]
[RecommendsSampler(typeof(NoDuplicatesBatchSampler<>))]
[RequiresInput(InputKind.AnchorPositiveNegatives)]
[Pairing(Pairing.InBatchNegatives)]
[Directions(InBatchDirections.QueryToDoc | InBatchDirections.DocToQuery, PartitionMode.PerDirection)]
[Objective(Objective.CrossEntropy)]
[GradientCache(typeof(MultipleNegativesSymmetricRankingLoss))]
public sealed partial class CachedMultipleNegativesSymmetricRankingLoss
{
    /// <summary>The inverse temperature applied to similarities (<c>scale</c>).</summary>
    [Scale(20)]
    public partial float Scale { get; }

    /// <summary>The similarity matrix function (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.CosSim)]
    public partial SimilarityFunction SimilarityFct { get; }

    /// <summary>Rows embedded and scored at once (<c>mini_batch_size</c>).</summary>
    [MiniBatchSize(32)]
    public partial int MiniBatchSize { get; }
}
