using LossGen.Backbones.Rotary;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones.ModernBert;

/// <summary>
/// A ModernBERT layer (<c>layers.{i}.*</c>): pre-norm attention and GeGLU feed-forward added to the residual. Layer 0
/// has no attention norm (transformers' Identity: the embeddings' norm precedes it), so no <c>attn_norm</c> weights.
/// </summary>
public sealed class ModernBertLayer : nn.Module, IRotaryLayer
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly ModernBertLayerNorm? attn_norm;
    private readonly ModernBertAttention attn;
    private readonly ModernBertLayerNorm mlp_norm;
    private readonly ModernBertMlp mlp;
#pragma warning restore IDE1006

    /// <summary>Creates layer <paramref name="index"/> of <paramref name="config"/>.</summary>
    public ModernBertLayer(ModernBertConfig config, int index)
        : base(nameof(ModernBertLayer))
    {
        attn_norm = index == 0 ? null : new ModernBertLayerNorm(config.HiddenSize, config.NormEps, config.NormBias);
        attn = new ModernBertAttention(config);
        mlp_norm = new ModernBertLayerNorm(config.HiddenSize, config.NormEps, config.NormBias);
        mlp = new ModernBertMlp(config);
        RegisterComponents();
    }

    /// <summary>The layer's output for <paramref name="hidden"/>.</summary>
    public Tensor Forward(Tensor hidden, RotaryInputs inputs)
    {
        using var scope = NewDisposeScope();
        Tensor attended = hidden.add(attn.Forward(attn_norm is null ? hidden : attn_norm.call(hidden), inputs));
        return attended.add(mlp.call(mlp_norm.call(attended))).MoveToOuterDisposeScope();
    }
}
