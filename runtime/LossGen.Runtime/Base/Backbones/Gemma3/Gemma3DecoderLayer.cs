using LossGen.Backbones.Rotary;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones.Gemma3;

/// <summary>
/// A Gemma3 decoder layer (<c>layers.{i}.*</c>): (1 + w) RMSNorms before and after both the attention and the GeGLU
/// feed-forward ("sandwich" norms), each block added to the residual.
/// </summary>
public sealed class Gemma3DecoderLayer : nn.Module, IRotaryLayer
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly RmsNorm input_layernorm;
    private readonly QkNormAttention self_attn;
    private readonly RmsNorm post_attention_layernorm;
    private readonly RmsNorm pre_feedforward_layernorm;
    private readonly GatedMlp mlp;
    private readonly RmsNorm post_feedforward_layernorm;
#pragma warning restore IDE1006

    /// <summary>Creates the layer of <paramref name="config"/>.</summary>
    public Gemma3DecoderLayer(Gemma3TextConfig config)
        : base(nameof(Gemma3DecoderLayer))
    {
        double eps = config.RmsNormEps;
        input_layernorm = new RmsNorm(config.HiddenSize, eps, offset: true);
        self_attn = new QkNormAttention(config.HiddenSize, config.NumAttentionHeads, config.NumKeyValueHeads, config.HeadDim, eps, gemmaNorms: true, scale: 1 / System.Math.Sqrt(config.QueryPreAttnScalar), config.AttentionDropout);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, eps, offset: true);
        pre_feedforward_layernorm = new RmsNorm(config.HiddenSize, eps, offset: true);
        mlp = new GatedMlp(config.HiddenSize, config.IntermediateSize, config.HiddenActivation);
        post_feedforward_layernorm = new RmsNorm(config.HiddenSize, eps, offset: true);
        RegisterComponents();
    }

    /// <summary>The layer's output for <paramref name="hidden"/>.</summary>
    public Tensor Forward(Tensor hidden, RotaryInputs inputs)
    {
        using var scope = NewDisposeScope();
        Tensor attended = hidden.add(post_attention_layernorm.call(self_attn.Forward(input_layernorm.call(hidden), inputs)));
        return attended.add(post_feedforward_layernorm.call(mlp.call(pre_feedforward_layernorm.call(attended)))).MoveToOuterDisposeScope();
    }
}
