using static TorchSharp.torch;

namespace LossGen.Backbones.Rotary;

/// <summary>
/// Rotary position embeddings (RoPE) as transformers' default rotary classes compute them: inverse frequencies
/// <c>1 / θ^(2i/d)</c> and angles in float32, <c>cos</c> and <c>sin</c> of <c>[freqs, freqs]</c>, applied with
/// <c>rotate_half</c>. Positions are 0… over the padded row, as transformers counts them.
/// </summary>
public static class RotaryEmbedding
{
    /// <summary>The cos and sin tables (T×d, float32) for positions 0…<paramref name="length"/>−1 and base <paramref name="theta"/>.</summary>
    public static (Tensor Cos, Tensor Sin) Tables(long length, int headDim, double theta, Device device)
    {
        using var scope = NewDisposeScope();
        Tensor inverse = InverseFrequencies(headDim, theta, device);
        Tensor angles = arange(length, dtype: ScalarType.Float32, device: device).unsqueeze(1).matmul(inverse.unsqueeze(0));
        Tensor doubled = cat([angles, angles], -1);
        return (doubled.cos().MoveToOuterDisposeScope(), doubled.sin().MoveToOuterDisposeScope());
    }

    /// <summary>The d/2 inverse frequencies <c>1 / θ^(2i/d)</c>, in float32 as transformers computes them.</summary>
    public static Tensor InverseFrequencies(int headDim, double theta, Device? device = null)
    {
        using var scope = NewDisposeScope();
        Tensor exponents = arange(0, headDim, 2, dtype: ScalarType.Int64, device: device).to(ScalarType.Float32).div(headDim);
        return pow(tensor(theta, dtype: ScalarType.Float32, device: device), exponents).reciprocal().MoveToOuterDisposeScope();
    }

    /// <summary><paramref name="x"/> (B×heads×T×d) rotated: <c>x·cos + rotate_half(x)·sin</c>.</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        long half = x.shape[^1] / 2;
        Tensor rotated = cat([x[TensorIndex.Ellipsis, TensorIndex.Slice(half)].neg(), x[TensorIndex.Ellipsis, TensorIndex.Slice(0, half)]], -1);
        return x.mul(cos.to(x.dtype)).add(rotated.mul(sin.to(x.dtype))).MoveToOuterDisposeScope();
    }
}
