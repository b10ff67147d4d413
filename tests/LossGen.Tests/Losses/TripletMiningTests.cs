using System;
using LossGen.SentenceTransformers.LossAlgorithms;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Losses;

/// <summary>The sort-and-search triplet mining gives the dense B×B×B formula's values and gradients.</summary>
[Collection(SequentialCollection.Name)]
public sealed class TripletMiningTests
{
    [Theory]
    [InlineData(1, 12, 3, 0.5)]
    [InlineData(2, 20, 4, 2.0)]
    [InlineData(3, 9, 9, 1.0)]
    [InlineData(4, 16, 1, 0.3)]
    public void Batch_all_equals_the_dense_formula(int seed, int batch, int classes, double margin)
    {
        using var leaks = new TensorLeakGuard();
        manual_seed(seed);
        Tensor embeddings = randn(batch, 8).requires_grad_();
        Tensor labels = randint(classes, batch);
        Tensor sparse = TripletMining.BatchAll(Distances.EuclideanMatrix(embeddings), labels, margin);
        Tensor sparseGrad = autograd.grad([sparse], [embeddings])[0];

        Tensor dense = DenseBatchAll(Distances.EuclideanMatrix(embeddings), labels, margin);
        Tensor denseGrad = autograd.grad([dense], [embeddings])[0];

        Assert.Equal(dense.item<float>(), sparse.item<float>(), 4);
        Assert.True(allclose(sparseGrad, denseGrad, rtol: 1e-4, atol: 1e-6), "gradients differ");
    }

    [Theory]
    [InlineData(5, 12, 3, 0.5)]
    [InlineData(6, 24, 5, 1.0)]
    public void Batch_semi_hard_equals_the_dense_formula(int seed, int batch, int classes, double margin)
    {
        using var leaks = new TensorLeakGuard();
        manual_seed(seed);
        Tensor embeddings = randn(batch, 8).requires_grad_();
        Tensor labels = randint(classes, batch);

        Tensor sparse = TripletMining.BatchSemiHard(Distances.EuclideanMatrix(embeddings), labels, margin);
        Tensor dense = DenseSemiHard(Distances.EuclideanMatrix(embeddings), labels, margin);

        Assert.Equal(dense.item<float>(), sparse.item<float>(), 4);
    }

    // The reference's O(B³) formula, spelled out (spec §1.1).
    private static Tensor DenseBatchAll(Tensor d, Tensor labels, double margin)
    {
        long b = d.shape[0];
        Tensor same = labels.unsqueeze(0).eq(labels.unsqueeze(1));
        Tensor distinct = eye(b, dtype: ScalarType.Bool).logical_not();
        Tensor valid = same.logical_and(distinct).unsqueeze(2).logical_and(same.logical_not().unsqueeze(1));
        Tensor t = d.unsqueeze(2).sub(d.unsqueeze(1)).add(margin).mul(valid.to(d.dtype)).clamp_min(0);
        long positive = t.gt(1e-16).sum().item<long>();
        return t.sum().div(positive + 1e-16);
    }

    // FaceNet semi-hard mining by brute force over (anchor, positive, negative).
    private static Tensor DenseSemiHard(Tensor d, Tensor labels, double margin)
    {
        long b = d.shape[0];
        float[,] dist = new float[b, b];
        for (int i = 0; i < b; i++)
        {
            for (int j = 0; j < b; j++)
            {
                dist[i, j] = d[i, j].item<float>();
            }
        }

        long[] y = labels.data<long>().ToArray();
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < b; i++)
        {
            for (int p = 0; p < b; p++)
            {
                if (p == i || y[p] != y[i])
                {
                    continue;
                }

                pairs++;
                double outside = double.PositiveInfinity, farthest = double.NegativeInfinity;
                for (int k = 0; k < b; k++)
                {
                    if (y[k] == y[i])
                    {
                        continue;
                    }

                    farthest = Math.Max(farthest, dist[i, k]);
                    if (dist[i, k] > dist[i, p])
                    {
                        outside = Math.Min(outside, dist[i, k]);
                    }
                }

                double negative = double.IsPositiveInfinity(outside) ? farthest : outside;
                total += Math.Max(dist[i, p] - negative + margin, 0);
            }
        }

        return tensor((float)(total / pairs));
    }
}
