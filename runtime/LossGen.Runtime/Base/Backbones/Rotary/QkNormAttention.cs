using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Rotary;

/// <summary>
/// The self-attention of Qwen3 and Gemma3 (<c>self_attn.*</c>): bias-free q/k/v/o projections, grouped-query heads,
/// an RMSNorm of each query and key head (<c>q_norm</c>, <c>k_norm</c>) before RoPE.
/// </summary>
public sealed class QkNormAttention : nn.Module
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;
    private readonly RmsNorm q_norm;
    private readonly RmsNorm k_norm;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;
    private readonly double? _scale;
    private readonly double _dropout;

    /// <summary>Creates the attention; <paramref name="gemmaNorms"/> selects (1 + w) norms, <paramref name="scale"/> replaces 1/√d.</summary>
    public QkNormAttention(int hidden, int heads, int kvHeads, int headDim, double eps, bool gemmaNorms, double? scale, double dropout)
        : base(nameof(QkNormAttention))
    {
        q_proj = nn.Linear(hidden, heads * headDim, hasBias: false);
        k_proj = nn.Linear(hidden, kvHeads * headDim, hasBias: false);
        v_proj = nn.Linear(hidden, kvHeads * headDim, hasBias: false);
        o_proj = nn.Linear(heads * headDim, hidden, hasBias: false);
        q_norm = new RmsNorm(headDim, eps, gemmaNorms);
        k_norm = new RmsNorm(headDim, eps, gemmaNorms);
        (_heads, _kvHeads, _headDim, _scale, _dropout) = (heads, kvHeads, headDim, scale, dropout);
        RegisterComponents();
    }

    /// <summary>Attends over <paramref name="hidden"/> (B×T×H, or packed N×H) under this layer's mask and RoPE tables.</summary>
    public Tensor Forward(Tensor hidden, RotaryInputs inputs)
    {
        using var scope = NewDisposeScope();
        Tensor context = RotaryAttention.Attend(q_proj.Project(hidden), k_proj.Project(hidden), v_proj.Project(hidden), _heads, _kvHeads, _headDim, inputs, _scale, training ? _dropout : 0.0, q_norm.call, k_norm.call);
        return o_proj.Project(context).MoveToOuterDisposeScope();
    }
}
