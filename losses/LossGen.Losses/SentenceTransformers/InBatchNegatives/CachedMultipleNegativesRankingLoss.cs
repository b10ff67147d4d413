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

    /// <summary>Mini-batches packed, in order, by a budget of non-padding tokens instead of a row count (<c>mini_batch_num_tokens</c>), so memory stays flat on long texts; <c>null</c> uses <see cref="MiniBatchSize"/>. Memory, not the result, depends on it.</summary>
    [HyperParameter(null, Minimum = 1)]
    public partial int? MiniBatchNumTokens { get; }

    /// <summary>The similarity blocks in each query's partition function (<c>directions</c>); must hold <c>QueryToDoc</c>.</summary>
    [HyperParameter(InBatchDirections.QueryToDoc)]
    public partial InBatchDirections Directions { get; }

    /// <summary>One softmax over all blocks or one per block (<c>partition_mode</c>); per block refuses <c>QueryToQuery</c> and <c>DocToDoc</c>.</summary>
    [HyperParameter(PartitionMode.Joint)]
    public partial PartitionMode PartitionMode { get; }

    /// <summary>Which query→document negatives are made heavier (<c>hardness_mode</c>); <c>null</c> makes none heavier.</summary>
    [HyperParameter(null)]
    public partial HardnessMode? HardnessMode { get; }

    /// <summary>The weight of the detached similarity added to those negatives' logits, after the scale (<c>hardness_strength</c>).</summary>
    [HyperParameter(0f, Minimum = 0)]
    public partial float HardnessStrength { get; }

    /// <summary>
    /// In a data-parallel run, score this process's rows against every process's candidates (<c>gather_across_devices</c>):
    /// more negatives per query, the gradient flowing back to each process's embeddings. No effect in one process.
    /// </summary>
    [HyperParameter(false)]
    public partial bool GatherAcrossDevices { get; }
}
