using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.ModernBert;

/// <summary>
/// ModernBERT's LayerNorm, whose bias exists only with <c>norm_bias</c> (ModernBERT ships without): no parameter is
/// registered for an absent bias, as in transformers, so the folder's tensor names line up.
/// </summary>
public sealed class ModernBertLayerNorm : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Parameter weight;
    private readonly Parameter? bias;
#pragma warning restore IDE1006
    private readonly double _eps;

    /// <summary>Creates the norm of width <paramref name="size"/>.</summary>
    public ModernBertLayerNorm(long size, double eps, bool hasBias)
        : base(nameof(ModernBertLayerNorm))
    {
        weight = new Parameter(ones(size));
        bias = hasBias ? new Parameter(zeros(size)) : null;
        _eps = eps;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, [input.shape[^1]], weight, bias, _eps);
}
