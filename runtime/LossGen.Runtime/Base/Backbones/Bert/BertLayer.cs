using System;
using LossGen.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones.Bert;

/// <summary>One post-LayerNorm transformer layer: attention, then the GELU feed-forward (<c>encoder.layer.{i}.*</c>).</summary>
public sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;
#pragma warning restore IDE1006

    /// <summary>Creates a layer of <paramref name="config"/>.</summary>
    public BertLayer(BertConfig config)
        : base(nameof(BertLayer))
    {
        attention = new BertAttention(config);
        intermediate = new BertIntermediate(config.HiddenSize, config.IntermediateSize, config.HiddenAct);
        output = new BertResidualOutput(config.IntermediateSize, config.HiddenSize, config.LayerNormEps, config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <summary>
    /// The layer as a decoder layer: causal self-attention, then <paramref name="crossAttention"/> over the encoder's
    /// <paramref name="memory"/>, then the feed-forward block (Hugging Face's BertLayer with add_cross_attention).
    /// </summary>
    public Tensor ForwardDecoder(Tensor hidden, BertAttention crossAttention, Tensor memory, Tensor? memoryKeep)
    {
        ArgumentNullException.ThrowIfNull(crossAttention);
        using var scope = NewDisposeScope();
        Tensor attended = attention.Attend(hidden, hidden, null, causal: true);
        Tensor crossed = crossAttention.Attend(attended, memory, memoryKeep, causal: false);
        return output.call(intermediate.call(crossed), crossed).MoveToOuterDisposeScope();
    }

    /// <summary>The layer over padded (B×T×H) or, in a packed forward, packed (N×H) hidden states.</summary>
    public override Tensor forward(Tensor hidden, Tensor keep)
    {
        using var scope = NewDisposeScope();
        Tensor attended = attention.Attend(hidden, hidden, keep, causal: false);
        return output.call(intermediate.call(attended), attended).MoveToOuterDisposeScope();
    }

}
