using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.Backbones.Rotary;

/// <summary>
/// The forward the rotary architectures (ModernBERT, Qwen3, Gemma3) share: token embeddings, each layer under the
/// keep-mask and RoPE tables of its attention kind (global or local, causal or bidirectional, each with its RoPE base),
/// and a final norm. It applies to the last layer run, so that a prefix of the stack (AdaptiveLayerLoss) is read as the
/// whole model would be. Real tokens run packed, as in the other architectures.
/// </summary>
public abstract class RotaryEncoderModel : EncoderModel
{
    /// <summary>Creates the module.</summary>
    protected RotaryEncoderModel(string name)
        : base(name)
    {
    }

    /// <inheritdoc />
    public override bool CanSkipPadding => true;

    /// <inheritdoc />
    public override string BaseModelPrefix => "model";

    /// <summary>The width of an attention head.</summary>
    protected abstract int HeadDim { get; }

    /// <summary>The attention kinds of the layers; <see cref="KindOf"/> picks one per layer.</summary>
    protected abstract IReadOnlyList<AttentionKind> AttentionKinds { get; }

    /// <summary>The index in <see cref="AttentionKinds"/> of layer <paramref name="layer"/>'s kind.</summary>
    protected abstract int KindOf(int layer);

    /// <summary>The embeddings of <paramref name="inputIds"/> (B×T, or the packed real tokens N).</summary>
    protected abstract Tensor Embed(Tensor inputIds);

    /// <summary>Layer <paramref name="index"/>'s output.</summary>
    protected abstract Tensor RunLayer(int index, Tensor hidden, RotaryInputs inputs);

    /// <summary>The final norm.</summary>
    protected abstract Tensor FinalNorm(Tensor hidden);

    /// <inheritdoc />
    protected sealed override Tensor Run(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds, int layers, List<Tensor> states)
    {
        RotaryInputs[] inputs = AttentionKinds.Select(kind => RotaryInputs.Create(attentionMask, kind.Causal, kind.Window, HeadDim, kind.RopeTheta)).ToArray();
        try
        {
            return SkipsPadding
                ? RunPacked(attentionMask, states, packed => Layers(Embed(EncoderExecution.Current.Layout!.Pack(inputIds)), inputs, layers, packed))
                : Layers(Embed(inputIds), inputs, layers, states);
        }
        finally
        {
            foreach (RotaryInputs input in inputs)
            {
                input.Dispose();
            }
        }
    }

    private Tensor Layers(Tensor hidden, RotaryInputs[] inputs, int count, List<Tensor> states)
    {
        for (int i = 0; i < count; i++)
        {
            hidden = RunLayer(i, hidden, inputs[KindOf(i)]);
            states.Add(hidden);
        }

        states[^1] = FinalNorm(hidden);
        return states[^1];
    }
}

/// <summary>One kind of attention layer: causal or not, its window (|i − j| ≤ it) if any, and its RoPE base.</summary>
/// <param name="Causal">Whether later positions are hidden.</param>
/// <param name="Window">The farthest position attended, or <c>null</c> for all.</param>
/// <param name="RopeTheta">The RoPE base.</param>
public readonly record struct AttentionKind(bool Causal, long? Window, double RopeTheta);
