namespace LossGen;

/// <summary>The similarity functions of <c>sentence_transformers.util</c>, by their Python names in config dictionaries.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum SimilarityFunction
{
    /// <summary><c>cos_sim</c>: N×M cosine similarities of L2-normalised rows (eps 1e-12).</summary>
    CosSim,

    /// <summary><c>dot_score</c>: N×M dot products.</summary>
    DotScore,

    /// <summary><c>pairwise_cos_sim</c>: row-wise cosine similarity (eps 1e-12).</summary>
    PairwiseCosSim,

    /// <summary><c>pairwise_dot_score</c>: row-wise dot product.</summary>
    PairwiseDotScore,

    /// <summary><c>pairwise_angle_sim</c>: AnglE's normalised angle difference in complex space.</summary>
    PairwiseAngleSim,

    /// <summary><c>torch.cosine_similarity</c>: row-wise cosine similarity, each norm clamped at 1e-8.</summary>
    CosineSimilarity,

    /// <summary><c>manhattan_sim</c>: N×M negative L1 distances.</summary>
    ManhattanSim,

    /// <summary><c>euclidean_sim</c>: N×M negative L2 distances.</summary>
    EuclideanSim,

    /// <summary><c>pairwise_manhattan_sim</c>: row-wise negative L1 distance.</summary>
    PairwiseManhattanSim,

    /// <summary><c>pairwise_euclidean_sim</c>: row-wise negative L2 distance.</summary>
    PairwiseEuclideanSim,
}
