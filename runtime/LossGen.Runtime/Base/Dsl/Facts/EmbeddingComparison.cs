namespace LossGen;

/// <summary>How a grammar rule compares embeddings, which fixes the similarity or distance type its loss must declare.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum EmbeddingComparison
{
    /// <summary>No similarity or distance is declared: the rule's math fixes its own.</summary>
    None,

    /// <summary>An N×M <see cref="SimilarityFunction"/> such as <c>cos_sim</c>.</summary>
    SimilarityMatrix,

    /// <summary>A row-wise <see cref="SimilarityFunction"/> such as <c>pairwise_cos_sim</c>.</summary>
    PairwiseSimilarity,

    /// <summary>A row-wise <see cref="SiameseDistanceMetric"/>.</summary>
    SiameseDistance,

    /// <summary>A row-wise <see cref="TripletDistanceMetric"/>.</summary>
    TripletDistance,

    /// <summary>A B×B <see cref="BatchDistanceMetric"/> over one labelled column.</summary>
    BatchDistance,
}
