namespace LossGen;

/// <summary>Distances of TripletLoss (<c>TripletDistanceMetric</c>). All are positive distances (see the catalogue's divergences).</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum TripletDistanceMetric
{
    /// <summary><c>1 − pairwise_cos_sim(x, y)</c>.</summary>
    Cosine,

    /// <summary><c>‖x − y + 1e-6‖₂</c>.</summary>
    Euclidean,

    /// <summary><c>‖x − y + 1e-6‖₁</c>.</summary>
    Manhattan,
}
