using LossGen.Backbones.Rotary;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.ModernBert;

/// <summary>ModernBERT's self-attention (<c>attn.*</c>): one fused <c>Wqkv</c> projection (q, k, v in that order), RoPE, <c>Wo</c>.</summary>
public sealed class ModernBertAttention : nn.Module
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear Wqkv;
    private readonly Linear Wo;
    private readonly TokenDropout out_drop;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly int _headDim;
    private readonly double _dropout;

    /// <summary>Creates the attention of <paramref name="config"/>.</summary>
    public ModernBertAttention(ModernBertConfig config)
        : base(nameof(ModernBertAttention))
    {
        Wqkv = nn.Linear(config.HiddenSize, 3 * config.HiddenSize, hasBias: config.AttentionBias);
        Wo = nn.Linear(config.HiddenSize, config.HiddenSize, hasBias: config.AttentionBias);
        out_drop = new TokenDropout(config.AttentionDropout);
        (_heads, _headDim, _dropout) = (config.NumAttentionHeads, config.HeadDim, config.AttentionDropout);
        RegisterComponents();
    }

    /// <summary>Attends over <paramref name="hidden"/> under this layer's mask and RoPE tables.</summary>
    public Tensor Forward(Tensor hidden, RotaryInputs inputs)
    {
        using var scope = NewDisposeScope();
        Tensor[] qkv = Wqkv.Project(hidden).chunk(3, -1);
        Tensor context = RotaryAttention.Attend(qkv[0], qkv[1], qkv[2], _heads, _heads, _headDim, inputs, scale: null, training ? _dropout : 0.0);
        return out_drop.call(Wo.Project(context)).MoveToOuterDisposeScope();
    }
}
