using LossGen.Models.Transformers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Models.MPNet;

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

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor bias) => Forward(hidden, bias, null);

    /// <summary>The block over padded (B×T×H) or, with a <paramref name="layout"/>, packed (N×H) hidden states.</summary>
    public Tensor Forward(Tensor hidden, Tensor bias, LossGen.Models.Transformers.TokenLayout? layout)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.call(dropout.call(attn.Forward(hidden, bias, layout)).add_(hidden)).MoveToOuterDisposeScope();
    }
}
