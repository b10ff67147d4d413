using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Rotary;

/// <summary>
/// Root-mean-square normalization in float32 over the last dimension: Qwen3's <c>w · x̂</c> (weights start at 1) or
/// Gemma's <c>(1 + w) · x̂</c> (weights start at 0), as transformers computes each.
/// </summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Parameter weight;
#pragma warning restore IDE1006
    private readonly double _eps;
    private readonly bool _offset;

    /// <summary>Creates the norm of width <paramref name="size"/>; <paramref name="offset"/> selects Gemma's (1 + w).</summary>
    public RmsNorm(long size, double eps, bool offset)
        : base(nameof(RmsNorm))
    {
        weight = new Parameter(offset ? zeros(size) : ones(size));
        _eps = eps;
        _offset = offset;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = input.to(ScalarType.Float32);
        Tensor normed = x.mul(x.pow(2).mean([-1], keepdim: true).add(_eps).rsqrt());
        // Qwen3 casts back before the weight, Gemma after: the order transformers uses.
        Tensor output = _offset ? normed.mul(weight.to(ScalarType.Float32).add(1.0)).to(input.dtype) : weight.mul(normed.to(input.dtype));
        return output.MoveToOuterDisposeScope();
    }
}
