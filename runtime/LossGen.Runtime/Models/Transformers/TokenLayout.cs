using System;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Models.Transformers;

/// <summary>
/// Where the real tokens of a padded batch are, so that token-wise layers (embeddings, projections, feed-forward,
/// LayerNorm, dropout) run on the real tokens only, N×H instead of B×T×H: batches of short texts are more than half
/// padding. Attention, which mixes positions, scatters its projections back to B×T with <see cref="Pad"/>.
/// </summary>
public sealed class TokenLayout : IDisposable
{
    private readonly Tensor _positions;

    private TokenLayout(Tensor positions, long batch, long length)
    {
        _positions = positions;
        Batch = batch;
        Length = length;
    }

    /// <summary>Sequences in the batch.</summary>
    public long Batch { get; }

    /// <summary>The padded length.</summary>
    public long Length { get; }

    /// <summary>The layout of the positions where <paramref name="attentionMask"/> (B×T, 0/1) is 1.</summary>
    public static TokenLayout FromMask(Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(attentionMask);
        using var scope = NewDisposeScope();
        Tensor positions = attentionMask.reshape(-1).nonzero().squeeze(1).DetachFromDisposeScope();
        return new TokenLayout(positions, attentionMask.shape[0], attentionMask.shape[1]);
    }

    /// <summary>The real tokens of <paramref name="padded"/> (B×T or B×T×C) as N or N×C.</summary>
    public Tensor Pack(Tensor padded)
    {
        ArgumentNullException.ThrowIfNull(padded);
        long[] flat = padded.dim() == 2 ? [-1] : [-1, padded.shape[2]];
        using Tensor view = padded.reshape(flat);
        return view.index_select(0, _positions);
    }

    /// <summary>The packed <paramref name="packed"/> (N×C) back in the batch's layout (B×T×C), zeros at padding.</summary>
    public Tensor Pad(Tensor packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        using var scope = NewDisposeScope();
        Tensor padded = zeros([Batch * Length, packed.shape[1]], dtype: packed.dtype, device: packed.device).index_copy(0, _positions, packed);
        return padded.view(Batch, Length, packed.shape[1]).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => _positions.Dispose();
}
