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

    /// <summary>Mini-batches packed, in order, by a budget of non-padding tokens instead of a row count (<c>mini_batch_num_tokens</c>), so memory stays flat on long texts; <c>null</c> uses <see cref="MiniBatchSize"/>. Memory, not the result, depends on it.</summary>
    [HyperParameter(null, Minimum = 1)]
    public partial int? MiniBatchNumTokens { get; }

    /// <summary>
    /// In a data-parallel run, score this process's rows against every process's candidates (<c>gather_across_devices</c>):
    /// more negatives per query, the gradient flowing back to each process's embeddings. No effect in one process.
    /// </summary>
    [HyperParameter(false)]
    public partial bool GatherAcrossDevices { get; }
}
