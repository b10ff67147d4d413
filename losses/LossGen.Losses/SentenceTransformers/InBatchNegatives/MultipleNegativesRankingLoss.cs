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
