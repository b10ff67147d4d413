using System;
using System.Linq;
using LossGen.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Similarity;

/// <summary>The primitives of spec §0 on hand-checked values, zero vectors and duplicates included.</summary>
[Collection(SequentialCollection.Name)]
public sealed class SimilarityTests
{
    private static Tensor Rows(params float[][] rows) => tensor(rows.SelectMany(r => r).ToArray()).reshape(rows.Length, rows[0].Length);

    private static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();

    [Fact]
    public void Cos_sim_of_hand_checked_vectors_and_a_zero_row()
    {
        using var leaks = new TensorLeakGuard();
        Tensor a = Rows([3, 4], [0, 0]);
        Tensor b = Rows([4, 3], [1, 0], [3, 4]);

        float[] scores = Values(Similarities.CosSim(a, b));

        Assert.Equal([24f / 25, 3f / 5, 1f, 0f, 0f, 0f], scores, (x, y) => Math.Abs(x - y) < 1e-6);
    }

    [Fact]
    public void Cos_sim_treats_a_vector_as_one_row()
    {
        using var leaks = new TensorLeakGuard();
        Assert.Equal(new long[] { 1, 1 }, Similarities.CosSim(tensor(new float[] { 1, 2 }), tensor(new float[] { 2, 4 })).shape);
    }

    [Fact]
    public void Dot_scores_and_pairwise_forms()
    {
        using var leaks = new TensorLeakGuard();
        Tensor a = Rows([1, 2], [3, 4]);
        Tensor b = Rows([5, 6], [7, 8]);

        Assert.Equal([17f, 23f, 39f, 53f], Values(Similarities.DotScore(a, b)));
        Assert.Equal([17f, 53f], Values(Similarities.PairwiseDotScore(a, b)));
        Assert.Equal(1f, Values(Similarities.PairwiseCosSim(a, a.mul(2)))[1], 6);
    }

    [Fact]
    public void Pairwise_distance_similarities_are_negative_distances()
    {
        using var leaks = new TensorLeakGuard();
        Tensor a = Rows([1, 0], [1, 1]);
        Tensor zero = zeros(2, 2);

        Assert.Equal([-1f, -MathF.Sqrt(2)], Values(Similarities.PairwiseEuclideanSim(a, zero)), (x, y) => Math.Abs(x - y) < 1e-6);
        Assert.Equal([-1f, -2f], Values(Similarities.PairwiseManhattanSim(a, zero)));
        Assert.Equal([-1f, -MathF.Sqrt(2)], Values(Similarities.EuclideanSim(a, zero)).Where((_, i) => i % 2 == 0), (x, y) => Math.Abs(x - y) < 1e-6);
        Assert.Equal([-1f, -2f], Values(Similarities.ManhattanSim(a, zero)).Where((_, i) => i % 2 == 0));
    }

    [Fact]
    public void Angle_similarity_matches_its_closed_form_and_refuses_odd_dimensions()
    {
        using var leaks = new TensorLeakGuard();
        Tensor x = Rows([1, 2, 3, 4]);
        Tensor y = Rows([2, 1, 0, 1]);
        // |Σ(a·c + b·d + b·c − a·d)| / (‖x‖·‖y‖) with a=(1,2), b=(3,4), c=(2,1), d=(0,1).
        double expected = Math.Abs((2 + 2) + (0 + 4) + (6 + 4) - (0 + 2)) / (Math.Sqrt(30) * Math.Sqrt(6));

        Assert.Equal(expected, Values(Similarities.PairwiseAngleSim(x, y))[0], 5);
        Assert.Throws<LossInputException>(() => Similarities.PairwiseAngleSim(Rows([1, 2, 3]), Rows([1, 2, 3])));
    }

    [Fact]
    public void Siamese_and_triplet_distances_carry_the_pairwise_distance_eps()
    {
        using var leaks = new TensorLeakGuard();
        Tensor x = Rows([1, 1, 1, 1]);

        Assert.Equal(2e-6f, Values(Distances.Siamese(SiameseDistanceMetric.Euclidean, x, x))[0], 9);
        Assert.Equal(4e-6f, Values(Distances.Triplet(TripletDistanceMetric.Manhattan, x, x))[0], 9);
        Assert.Equal(0f, Values(Distances.Siamese(SiameseDistanceMetric.CosineDistance, x, x))[0], 6);
        Assert.Equal(0f, Values(Distances.Triplet(TripletDistanceMetric.Cosine, x, x))[0], 6);
    }

    [Fact]
    public void Euclidean_matrix_is_exactly_zero_with_finite_gradients_on_duplicates()
    {
        using var leaks = new TensorLeakGuard();
        Tensor e = Rows([0, 0], [3, 4], [3, 4]).requires_grad_();

        Tensor d = Distances.EuclideanMatrix(e);
        d.sum().backward();

        Assert.Equal([0f, 5f, 5f, 5f, 0f, 0f, 5f, 0f, 0f], Values(d.detach()), (x, y) => Math.Abs(x - y) < 1e-5);
        Assert.True(Values(e.grad!).All(float.IsFinite));
        Assert.Equal([0f, 25f, 25f, 25f, 0f, 0f, 25f, 0f, 0f], Values(Distances.EuclideanMatrix(e, squared: true).detach()), (x, y) => Math.Abs(x - y) < 1e-4);
    }

    [Fact]
    public void Cosine_batch_distance_is_one_minus_cos_sim()
    {
        using var leaks = new TensorLeakGuard();
        Tensor e = Rows([1, 0], [0, 1], [1, 0]);

        Assert.Equal([0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f, 0f], Values(Distances.Batch(BatchDistanceMetric.Cosine, e)), (x, y) => Math.Abs(x - y) < 1e-6);
    }

    [Fact]
    public void Matrix_and_pairwise_dispatch_refuse_the_wrong_shape_of_function()
    {
        using var leaks = new TensorLeakGuard();
        Tensor a = Rows([1, 2]);
        Assert.Throws<ArgumentException>(() => Similarities.Matrix(SimilarityFunction.PairwiseCosSim, a, a));
        Assert.Throws<ArgumentException>(() => Similarities.Pairwise(SimilarityFunction.CosSim, a, a));
        Assert.Equal("cos_sim", SimilarityFunction.CosSim.ToPythonName());
    }
}
