namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// AnglELoss: CoSENT's ranking over AnglE's angle similarity, which optimises angle differences in complex space to
/// avoid cosine saturation. Needs an even embedding dimension. Trains on scored pairs, or (v5.3) on
/// (anchor, positive, negatives…) n-tuples with or without a score per row: the anchor against each other column,
/// positives labelled with the score (1 when none) and negatives with 1 − it.
/// </summary>
[Loss]
[RequiresEvenEmbeddingDimension]
[RequiresInput(InputKind.ScoredPairOrTuple)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.CoSent)]
[Similarity(SimilarityFunction.PairwiseAngleSim)]
[Citation("""
@inproceedings{li-li-2024-aoe,
    title = "{A}o{E}: Angle-optimized Embeddings for Semantic Textual Similarity",
    author = "Li, Xianming and Li, Jing",
    year = "2024",
    publisher = "Association for Computational Linguistics",
    url = "https://aclanthology.org/2024.acl-long.101/",
    doi = "10.18653/v1/2024.acl-long.101"
}
""")]
public sealed partial class AnglELoss
{
    /// <summary>The factor applied to similarities before ranking (<c>scale</c>).</summary>
    [Scale(20)]
    public partial float Scale { get; }
}
