using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.MPNet;

/// <summary>Multi-head self-attention with the relative position bias added to the scores (<c>attention.attn.{q,k,v,o}</c>).</summary>
public sealed class MPNetSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear q;
    private readonly Linear k;
    private readonly Linear v;
    private readonly Linear o;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly double _dropout;

    /// <summary>Creates the attention of <paramref name="config"/>.</summary>
    public MPNetSelfAttention(MPNetConfig config)
        : base(nameof(MPNetSelfAttention))
    {
        q = nn.Linear(config.HiddenSize, config.HiddenSize);
        k = nn.Linear(config.HiddenSize, config.HiddenSize);
        v = nn.Linear(config.HiddenSize, config.HiddenSize);
        o = nn.Linear(config.HiddenSize, config.HiddenSize);
        _heads = config.NumAttentionHeads;
        _dropout = config.AttentionProbsDropoutProb;
        RegisterComponents();
    }

    /// <summary>The attention over padded (B×T×H) or, in a packed forward, packed (N×H) hidden states.</summary>
    public override Tensor forward(Tensor hidden, Tensor bias)
    {
        using var scope = NewDisposeScope();
        Tensor context = MultiHeadAttention.AttendQkv(MixedPrecision.ProjectQkv(q, k, v, hidden), _heads, bias, training ? _dropout : 0.0);
        return o.Project(context).MoveToOuterDisposeScope();
    }
}
