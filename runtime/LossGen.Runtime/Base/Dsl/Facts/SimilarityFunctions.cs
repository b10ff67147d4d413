namespace LossGen;

/// <summary>The shape of each <see cref="SimilarityFunction"/>: an N×M matrix, a row-wise score, or (torch's cosine_similarity) both.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
static class SimilarityFunctions
{
    /// <summary>Whether <paramref name="function"/> can score every row of one input against every row of another.</summary>
    public static bool IsMatrix(this SimilarityFunction function) => function is SimilarityFunction.CosSim or SimilarityFunction.DotScore
        or SimilarityFunction.ManhattanSim or SimilarityFunction.EuclideanSim or SimilarityFunction.CosineSimilarity;

    /// <summary>Whether <paramref name="function"/> can score row i of one input against row i of another.</summary>
    public static bool IsPairwise(this SimilarityFunction function) => function is SimilarityFunction.PairwiseCosSim or SimilarityFunction.PairwiseDotScore
        or SimilarityFunction.PairwiseAngleSim or SimilarityFunction.CosineSimilarity or SimilarityFunction.PairwiseManhattanSim
        or SimilarityFunction.PairwiseEuclideanSim;

    /// <summary>Whether <paramref name="function"/> has the shape <paramref name="comparison"/> needs.</summary>
    public static bool Fits(this SimilarityFunction function, EmbeddingComparison comparison) => comparison switch
    {
        EmbeddingComparison.SimilarityMatrix => function.IsMatrix(),
        EmbeddingComparison.PairwiseSimilarity => function.IsPairwise(),
        _ => false,
    };
}
