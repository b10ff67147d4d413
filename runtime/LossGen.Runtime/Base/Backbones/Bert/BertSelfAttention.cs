using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Bert;

/// <summary>Multi-head self-attention with the fused scaled-dot-product kernel (<c>attention.self.*</c>).</summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
#pragma warning restore IDE1006
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
    public override Tensor forward(Tensor hidden, Tensor keep) => Attend(hidden, hidden, keep, causal: false);

    /// <summary>
    /// Queries from <paramref name="queries"/> (B×T×H) attend over <paramref name="memory"/> (B×S×H): the same sequence
    /// for self-attention, the encoder's output for a decoder's cross-attention; <paramref name="causal"/> hides later
    /// positions. In a packed forward the hidden states are the real tokens (N×H): projected packed, attended in the
    /// batch's layout, and packed again.
    /// </summary>
    public Tensor Attend(Tensor queries, Tensor memory, Tensor? keep, bool causal)
    {
        if (ReferenceEquals(queries, memory) && !causal)
        {
            using var scope = NewDisposeScope();
            return MultiHeadAttention.AttendQkv(MixedPrecision.ProjectQkv(query, key, value, queries), _heads, keep, training ? _dropout : 0.0).MoveToOuterDisposeScope();
        }

        return MultiHeadAttention.Attend(query.Project(queries), key.Project(memory), value.Project(memory), _heads, keep, training ? _dropout : 0.0, causal);
    }
}
