using System;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen;

/// <summary>The distance metrics of the contrastive, triplet and batch triplet losses (spec §0.4).</summary>
public static class Distances
{
    private const double PairwiseDistanceEps = 1e-6;
    private const double ZeroDistanceGuard = 1e-16;

    /// <summary>A <see cref="SiameseDistanceMetric"/> between rows of <paramref name="x"/> and <paramref name="y"/>.</summary>
    public static Tensor Siamese(SiameseDistanceMetric metric, Tensor x, Tensor y) => metric switch
    {
        SiameseDistanceMetric.Euclidean => F.pairwise_distance(x, y, p: 2, eps: PairwiseDistanceEps),
        SiameseDistanceMetric.Manhattan => F.pairwise_distance(x, y, p: 1, eps: PairwiseDistanceEps),
        SiameseDistanceMetric.CosineDistance => OneMinus(Similarities.CosineSimilarity(x, y)),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>A <see cref="TripletDistanceMetric"/> between rows: always a positive distance.</summary>
    public static Tensor Triplet(TripletDistanceMetric metric, Tensor x, Tensor y) => metric switch
    {
        TripletDistanceMetric.Euclidean => F.pairwise_distance(x, y, p: 2, eps: PairwiseDistanceEps),
        TripletDistanceMetric.Manhattan => F.pairwise_distance(x, y, p: 1, eps: PairwiseDistanceEps),
        TripletDistanceMetric.Cosine => OneMinus(Similarities.PairwiseCosSim(x, y)),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>The B×B distance matrix of a <see cref="BatchDistanceMetric"/>.</summary>
    public static Tensor Batch(BatchDistanceMetric metric, Tensor embeddings) => metric switch
    {
        BatchDistanceMetric.Euclidean => EuclideanMatrix(embeddings),
        BatchDistanceMetric.Cosine => OneMinus(Similarities.CosSim(embeddings, embeddings)),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>
    /// <c>eucledian_distance(E)</c>: <c>‖eᵢ‖² − 2eᵢ·eⱼ + ‖eⱼ‖²</c> clamped at 0, then a square root that returns exactly 0
    /// (with a finite gradient) where the squared distance is 0: the diagonal and duplicate rows.
    /// </summary>
    public static Tensor EuclideanMatrix(Tensor embeddings, bool squared = false)
    {
        using var scope = NewDisposeScope();
        Tensor gram = embeddings.matmul(embeddings.t());
        Tensor norms = gram.diagonal();
        Tensor squaredDistances = norms.unsqueeze(0).sub(gram.mul(2)).add(norms.unsqueeze(1)).clamp_min(0);
        if (squared)
        {
            return squaredDistances.MoveToOuterDisposeScope();
        }

        Tensor zero = squaredDistances.eq(0).to(squaredDistances.dtype);
        return squaredDistances.add(zero.mul(ZeroDistanceGuard)).sqrt().mul(OneMinus(zero)).MoveToOuterDisposeScope();
    }

    /// <summary>The Python name of a metric, as written into config dictionaries.</summary>
    public static string ToPythonName(this SiameseDistanceMetric metric) => metric switch
    {
        SiameseDistanceMetric.Euclidean => "SiameseDistanceMetric.EUCLIDEAN",
        SiameseDistanceMetric.Manhattan => "SiameseDistanceMetric.MANHATTAN",
        SiameseDistanceMetric.CosineDistance => "SiameseDistanceMetric.COSINE_DISTANCE",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>The Python name of a metric, as written into config dictionaries.</summary>
    public static string ToPythonName(this TripletDistanceMetric metric) => metric switch
    {
        TripletDistanceMetric.Cosine => "TripletDistanceMetric.COSINE",
        TripletDistanceMetric.Euclidean => "TripletDistanceMetric.EUCLIDEAN",
        TripletDistanceMetric.Manhattan => "TripletDistanceMetric.MANHATTAN",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>The Python name of a metric, as written into config dictionaries.</summary>
    public static string ToPythonName(this BatchDistanceMetric metric) => metric switch
    {
        BatchDistanceMetric.Euclidean => "BatchHardTripletLossDistanceFunction.eucledian_distance",
        BatchDistanceMetric.Cosine => "BatchHardTripletLossDistanceFunction.cosine_distance",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    // Consumes its argument, so callers outside a dispose scope leave no temporary behind.
    private static Tensor OneMinus(Tensor t)
    {
        Tensor result = t.neg().add_(1);
        t.Dispose();
        return result;
    }
}
