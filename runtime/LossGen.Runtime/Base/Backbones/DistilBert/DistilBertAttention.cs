using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.DistilBert;

/// <summary>Multi-head self-attention with its output projection (<c>attention.{q,k,v,out}_lin</c>).</summary>
public sealed class DistilBertAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear q_lin;
    private readonly Linear k_lin;
    private readonly Linear v_lin;
    private readonly Linear out_lin;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly double _dropout;

    /// <summary>Creates the attention of <paramref name="config"/>.</summary>
    public DistilBertAttention(DistilBertConfig config)
        : base(nameof(DistilBertAttention))
    {
        q_lin = nn.Linear(config.Dim, config.Dim);
        k_lin = nn.Linear(config.Dim, config.Dim);
        v_lin = nn.Linear(config.Dim, config.Dim);
        out_lin = nn.Linear(config.Dim, config.Dim);
        _heads = config.NHeads;
        _dropout = config.AttentionDropout;
        RegisterComponents();
    }

    /// <summary>The attention over padded (B×T×H) or, in a packed forward, packed (N×H) hidden states.</summary>
    public override Tensor forward(Tensor hidden, Tensor keep)
    {
        using var scope = NewDisposeScope();
        Tensor context = MultiHeadAttention.AttendQkv(MixedPrecision.ProjectQkv(q_lin, k_lin, v_lin, hidden), _heads, keep, training ? _dropout : 0.0);
        return out_lin.Project(context).MoveToOuterDisposeScope();
    }
}
