using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.MPNet;

/// <summary>Self-attention, dropout, residual and LayerNorm (<c>attention.attn</c>, <c>attention.LayerNorm</c>).</summary>
public sealed class MPNetAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly MPNetSelfAttention attn;
    private readonly LayerNorm LayerNorm;
    private readonly TokenDropout dropout;
#pragma warning restore IDE1006

    /// <summary>Creates the attention block of <paramref name="config"/>.</summary>
    public MPNetAttention(MPNetConfig config)
        : base(nameof(MPNetAttention))
    {
        attn = new MPNetSelfAttention(config);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = new TokenDropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <summary>The block over padded (B×T×H) or, in a packed forward, packed (N×H) hidden states.</summary>
    public override Tensor forward(Tensor hidden, Tensor bias)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.call(dropout.call(attn.call(hidden, bias)).add_(hidden)).MoveToOuterDisposeScope();
    }
}
