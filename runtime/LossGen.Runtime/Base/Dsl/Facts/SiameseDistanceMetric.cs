namespace LossGen;

/// <summary>Distances of ContrastiveLoss and OnlineContrastiveLoss (<c>SiameseDistanceMetric</c>).</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum SiameseDistanceMetric
{
    /// <summary><c>‖x − y + 1e-6‖₂</c>, as <c>F.pairwise_distance</c>.</summary>
    Euclidean,

    /// <summary><c>‖x − y + 1e-6‖₁</c>.</summary>
    Manhattan,

    /// <summary><c>1 − cosine_similarity(x, y)</c> (eps 1e-8).</summary>
    CosineDistance,
}
