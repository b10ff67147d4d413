using System;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen;

/// <summary>
/// The similarity functions of <c>sentence_transformers.util</c>, with their exact epsilons (spec §0.3).
/// Matrix forms return N×M, pairwise forms return N. Results live on the inputs' device.
/// </summary>
public static class Similarities
{
    private const double NormalizeEps = 1e-12;
    private const double CosineSimilarityEps = 1e-8;

    /// <summary><c>cos_sim(a, b)</c>: <c>normalize(a) @ normalize(b)ᵀ</c>; 1-D inputs are treated as one row.</summary>
    public static Tensor CosSim(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return Normalize(a).matmul(Normalize(b).t()).MoveToOuterDisposeScope();
    }

    /// <summary>The rows of <paramref name="a"/> L2-normalised as <c>cos_sim</c> normalises them (eps 1e-12); a 1-D input is one row.</summary>
    public static Tensor Normalize(Tensor a)
    {
        using var scope = NewDisposeScope();
        return F.normalize(AsMatrix(a), p: 2, dim: 1, eps: NormalizeEps).MoveToOuterDisposeScope();
    }

    /// <summary><c>dot_score(a, b)</c>: <c>a @ bᵀ</c>.</summary>
    public static Tensor DotScore(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return AsMatrix(a).matmul(AsMatrix(b).t()).MoveToOuterDisposeScope();
    }

    /// <summary><c>pairwise_cos_sim(a, b)</c>: row-wise cosine of L2-normalised rows (eps 1e-12).</summary>
    public static Tensor PairwiseCosSim(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return F.normalize(a, p: 2, dim: -1, eps: NormalizeEps)
            .mul(F.normalize(b, p: 2, dim: -1, eps: NormalizeEps))
            .sum(-1)
            .MoveToOuterDisposeScope();
    }

    /// <summary><c>pairwise_dot_score(a, b)</c>: row-wise dot product.</summary>
    public static Tensor PairwiseDotScore(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.mul(b).sum(-1).MoveToOuterDisposeScope();
    }

    /// <summary><c>torch.cosine_similarity(a, b, dim=-1)</c>: each norm clamped at 1e-8 before the dot product.</summary>
    public static Tensor CosineSimilarity(Tensor a, Tensor b) => F.cosine_similarity(a, b, dim: -1, eps: CosineSimilarityEps);

    /// <summary>
    /// N×M matrix of <c>torch.cosine_similarity</c> (as <c>nn.CosineSimilarity(dim=-1)(a[:, None], b[None])</c>),
    /// computed as one matrix product instead of a broadcast 3-D tensor.
    /// </summary>
    public static Tensor CosineSimilarityMatrix(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        Tensor an = a.div(a.norm(1, keepdim: true, p: 2).clamp_min(CosineSimilarityEps));
        Tensor bn = b.div(b.norm(1, keepdim: true, p: 2).clamp_min(CosineSimilarityEps));
        return an.matmul(bn.t()).MoveToOuterDisposeScope();
    }

    /// <summary><c>manhattan_sim(a, b)</c>: <c>−cdist(a, b, p=1)</c>.</summary>
    public static Tensor ManhattanSim(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return cdist(AsMatrix(a), AsMatrix(b), p: 1).neg_().MoveToOuterDisposeScope();
    }

    /// <summary><c>euclidean_sim(a, b)</c>: <c>−cdist(a, b, p=2)</c>.</summary>
    public static Tensor EuclideanSim(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return cdist(AsMatrix(a), AsMatrix(b), p: 2).neg_().MoveToOuterDisposeScope();
    }

    /// <summary><c>pairwise_manhattan_sim(a, b)</c>: <c>−Σ|a − b|</c> (a negative distance).</summary>
    public static Tensor PairwiseManhattanSim(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.sub(b).abs_().sum(-1).neg_().MoveToOuterDisposeScope();
    }

    /// <summary><c>pairwise_euclidean_sim(a, b)</c>: <c>−sqrt(Σ(a − b)²)</c> (a negative distance, no eps).</summary>
    public static Tensor PairwiseEuclideanSim(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.sub(b).square().sum(-1).sqrt().neg().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <c>pairwise_angle_sim(x, y)</c> (AnglE): the halves of each row are the real and imaginary parts of a complex
    /// vector; the result is <c>|Σ (re + im)|</c> of their normalised quotient. The dimension must be even.
    /// </summary>
    public static Tensor PairwiseAngleSim(Tensor x, Tensor y)
    {
        long dimension = x.shape[^1];
        if (dimension % 2 != 0)
        {
            throw new LossInputException($"AnglELoss: pairwise_angle_sim splits each embedding into real and imaginary halves, so it needs an even embedding dimension; got {dimension}.");
        }

        using var scope = NewDisposeScope();
        Tensor[] xs = x.chunk(2, dim: 1);
        Tensor[] ys = y.chunk(2, dim: 1);
        Tensor a = xs[0], b = xs[1], c = ys[0], d = ys[1];
        Tensor z = c.square().add(d.square()).sum(1, keepdim: true);
        Tensor re = a.mul(c).add(b.mul(d)).div(z);
        Tensor im = b.mul(c).sub(a.mul(d)).div(z);
        Tensor dz = a.square().add(b.square()).sum(1, keepdim: true).pow(0.5);
        Tensor dw = z.pow(0.5);
        Tensor ratio = dz.div(dw);
        return cat([re.div(ratio), im.div(ratio)], 1).sum(1).abs().MoveToOuterDisposeScope();
    }

    /// <summary>Applies a matrix similarity by its enum value; pairwise functions are refused.</summary>
    public static Tensor Matrix(SimilarityFunction function, Tensor a, Tensor b) => function switch
    {
        SimilarityFunction.CosSim => CosSim(a, b),
        SimilarityFunction.DotScore => DotScore(a, b),
        SimilarityFunction.ManhattanSim => ManhattanSim(a, b),
        SimilarityFunction.EuclideanSim => EuclideanSim(a, b),
        SimilarityFunction.CosineSimilarity => CosineSimilarityMatrix(a, b),
        _ => throw new ArgumentException($"{function.ToPythonName()} is a pairwise similarity; this loss needs a matrix similarity such as cos_sim or dot_score.", nameof(function)),
    };

    /// <summary>
    /// <c>scale · function(a, b)</c> as an N×M matrix. For <c>cos_sim</c> the scale is folded into the normalisation of
    /// <paramref name="a"/> (its rows are divided by <c>‖a‖ / scale</c>), so the scores are never rescaled; the other
    /// forms scale their scores in place.
    /// </summary>
    public static Tensor ScaledMatrix(SimilarityFunction function, Tensor a, Tensor b, double scale)
    {
        using var scope = NewDisposeScope();
        Tensor scores = function == SimilarityFunction.CosSim
            ? ScaledUnitRows(AsMatrix(a), scale).matmul(Normalize(b).t())
            : Matrix(function, a, b).mul_(scale);
        return scores.MoveToOuterDisposeScope();
    }

    /// <summary><c>scale · function(a, b)</c> with a trainable scale tensor, which must receive its gradient.</summary>
    public static Tensor ScaledMatrix(SimilarityFunction function, Tensor a, Tensor b, Tensor scale)
    {
        using var scope = NewDisposeScope();
        return Matrix(function, a, b).mul(scale).MoveToOuterDisposeScope();
    }

    /// <summary>Applies a pairwise similarity by its enum value; matrix functions are refused.</summary>
    public static Tensor Pairwise(SimilarityFunction function, Tensor a, Tensor b) => function switch
    {
        SimilarityFunction.PairwiseCosSim => PairwiseCosSim(a, b),
        SimilarityFunction.PairwiseDotScore => PairwiseDotScore(a, b),
        SimilarityFunction.PairwiseAngleSim => PairwiseAngleSim(a, b),
        SimilarityFunction.CosineSimilarity => CosineSimilarity(a, b),
        SimilarityFunction.PairwiseManhattanSim => PairwiseManhattanSim(a, b),
        SimilarityFunction.PairwiseEuclideanSim => PairwiseEuclideanSim(a, b),
        _ => throw new ArgumentException($"{function.ToPythonName()} is a matrix similarity; this loss needs a pairwise similarity such as pairwise_cos_sim.", nameof(function)),
    };

    /// <summary>The Python name sentence-transformers writes into config dictionaries.</summary>
    public static string ToPythonName(this SimilarityFunction function) => function switch
    {
        SimilarityFunction.CosSim => "cos_sim",
        SimilarityFunction.DotScore => "dot_score",
        SimilarityFunction.PairwiseCosSim => "pairwise_cos_sim",
        SimilarityFunction.PairwiseDotScore => "pairwise_dot_score",
        SimilarityFunction.PairwiseAngleSim => "pairwise_angle_sim",
        SimilarityFunction.CosineSimilarity => "cosine_similarity",
        SimilarityFunction.ManhattanSim => "manhattan_sim",
        SimilarityFunction.EuclideanSim => "euclidean_sim",
        SimilarityFunction.PairwiseManhattanSim => "pairwise_manhattan_sim",
        SimilarityFunction.PairwiseEuclideanSim => "pairwise_euclidean_sim",
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };

    // F.normalize's own formula, a / max(‖a‖, eps), with the scale applied to the [N, 1] divisor instead of the scores.
    private static Tensor ScaledUnitRows(Tensor a, double scale) =>
        a.div(a.norm(1, keepdim: true, p: 2).clamp_min(NormalizeEps).div_(scale));

    private static Tensor AsMatrix(Tensor t) => t.dim() == 1 ? t.unsqueeze(0) : t.alias();
}
