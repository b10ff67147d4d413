using LossGen.Backbones.Rotary;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones.Qwen3;

/// <summary>A Qwen3 decoder layer (<c>layers.{i}.*</c>): pre-norm attention and SwiGLU feed-forward, each added to the residual.</summary>
public sealed class Qwen3DecoderLayer : nn.Module, IRotaryLayer
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly RmsNorm input_layernorm;
    private readonly QkNormAttention self_attn;
    private readonly RmsNorm post_attention_layernorm;
    private readonly GatedMlp mlp;
#pragma warning restore IDE1006

    /// <summary>Creates the layer of <paramref name="config"/>.</summary>
    public Qwen3DecoderLayer(Qwen3Config config)
        : base(nameof(Qwen3DecoderLayer))
    {
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, offset: false);
        self_attn = new QkNormAttention(config.HiddenSize, config.NumAttentionHeads, config.NumKeyValueHeads, config.HeadDim, config.RmsNormEps, gemmaNorms: false, scale: null, config.AttentionDropout);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, offset: false);
        mlp = new GatedMlp(config.HiddenSize, config.IntermediateSize, config.HiddenAct);
        RegisterComponents();
    }

    /// <summary>The layer's output for <paramref name="hidden"/>.</summary>
    public Tensor Forward(Tensor hidden, RotaryInputs inputs)
    {
        using var scope = NewDisposeScope();
        Tensor attended = hidden.add(self_attn.Forward(input_layernorm.call(hidden), inputs));
        return attended.add(mlp.call(post_attention_layernorm.call(attended))).MoveToOuterDisposeScope();
    }
}
