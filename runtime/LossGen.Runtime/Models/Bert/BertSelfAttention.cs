using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Models.Bert;

/// <summary>Multi-head self-attention with the fused scaled-dot-product kernel (<c>attention.self.*</c>).</summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006, SA1300 // Hugging Face parameter names.
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
#pragma warning restore IDE1006, SA1300
    private readonly int _heads;
    private readonly double _dropout;

    /// <summary>Creates the attention of <paramref name="config"/>.</summary>
    public BertSelfAttention(BertConfig config)
        : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        _heads = config.NumAttentionHeads;
        _dropout = config.AttentionProbsDropoutProb;
        RegisterComponents();
    }

    /// <summary>Attends over <paramref name="hidden"/> (B×T×H); <paramref name="keep"/> (B×1×1×T, bool) masks padding.</summary>
    public override Tensor forward(Tensor hidden, Tensor keep)
    {
        using var scope = NewDisposeScope();
        long batch = hidden.shape[0], length = hidden.shape[1], width = hidden.shape[2];
        Tensor Split(Linear projection) => projection.call(hidden).view(batch, length, _heads, width / _heads).transpose(1, 2);
        Tensor context = F.scaled_dot_product_attention(Split(query), Split(key), Split(value), keep, p: training ? _dropout : 0.0);
        return context.transpose(1, 2).reshape(batch, length, width).MoveToOuterDisposeScope();
    }
}
