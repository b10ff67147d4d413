using System;
using static TorchSharp.torch;

namespace LossGen.Backbones.Rotary;

/// <summary>What one attention layer of a rotary architecture needs besides its input: its keep-mask and RoPE tables.</summary>
/// <param name="Keep">The bool keep-mask (B×1×T×T).</param>
/// <param name="Cos">The RoPE cos table (T×d).</param>
/// <param name="Sin">The RoPE sin table (T×d).</param>
public sealed record RotaryInputs(Tensor Keep, Tensor Cos, Tensor Sin) : IDisposable
{
    /// <summary>
    /// The inputs of one kind of layer for a batch: the keep-mask of <paramref name="attentionMask"/> (see
    /// <see cref="AttentionMasks.Keep"/>) and the RoPE tables of base <paramref name="theta"/>.
    /// </summary>
    public static RotaryInputs Create(Tensor attentionMask, bool causal, long? window, int headDim, double theta)
    {
        ArgumentNullException.ThrowIfNull(attentionMask);
        (Tensor cos, Tensor sin) = RotaryEmbedding.Tables(attentionMask.shape[1], headDim, theta, attentionMask.device);
        return new RotaryInputs(AttentionMasks.Keep(attentionMask, causal, window), cos, sin);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Keep.Dispose();
        Cos.Dispose();
        Sin.Dispose();
    }
}
