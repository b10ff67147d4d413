namespace LossGen;

/// <summary>Batch distance matrices of the batch triplet losses (<c>BatchHardTripletLossDistanceFunction</c>).</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum BatchDistanceMetric
{
    /// <summary><c>eucledian_distance</c> (sic): Euclidean distances by the dot-product expansion, with a zero-safe square root.</summary>
    Euclidean,

    /// <summary><c>cosine_distance</c>: <c>1 − cos_sim(E, E)</c>.</summary>
    Cosine,
}
