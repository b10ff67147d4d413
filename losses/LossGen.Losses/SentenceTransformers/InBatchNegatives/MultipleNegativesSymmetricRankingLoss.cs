namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// MultipleNegativesSymmetricRankingLoss: in-batch negatives in both directions, anchors choosing positives and
/// positives choosing anchors, averaged. Extra negative columns count in the anchor direction only, as the reference.
/// </summary>
[Loss]
[RecommendsSampler(typeof(NoDuplicatesBatchSampler<>))]
[RequiresInput(InputKind.AnchorPositiveNegatives)]
[Pairing(Pairing.InBatchNegatives)]
[Directions(InBatchDirections.QueryToDoc | InBatchDirections.DocToQuery, PartitionMode.PerDirection)]
[Objective(Objective.CrossEntropy)]
public sealed partial class MultipleNegativesSymmetricRankingLoss
{
    /// <summary>The inverse temperature applied to similarities (<c>scale</c>).</summary>
    [Scale(20)]
    public partial float Scale { get; }

    /// <summary>The similarity matrix function (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.CosSim)]
    public partial SimilarityFunction SimilarityFct { get; }

    /// <summary>
    /// In a data-parallel run, score this process's rows against every process's candidates (<c>gather_across_devices</c>):
    /// more negatives per query, the gradient flowing back to each process's embeddings. No effect in one process.
    /// </summary>
    [HyperParameter(false)]
    public partial bool GatherAcrossDevices { get; }
}
