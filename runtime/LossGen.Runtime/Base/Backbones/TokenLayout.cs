using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones;

/// <summary>
/// Where the real tokens of a padded batch are, so that token-wise layers (embeddings, projections, feed-forward,
/// LayerNorm, dropout) run on the real tokens only, N×H instead of B×T×H: batches of short texts are more than half
/// padding. Attention, which mixes positions, scatters its projections back to B×T with <see cref="Pad"/>.
/// </summary>
public sealed class TokenLayout : IDisposable
{
    private readonly Tensor _positions;
    private long[]? _paddedRows;
    private (int Start, int Length)[]? _sequences;

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

    /// <summary>The number of real tokens.</summary>
    public long Count => _positions.shape[0];

    /// <summary>Each real token's row in the padded batch flattened to B·T rows, on the CPU.</summary>
    internal long[] PaddedRows => _paddedRows ??= _positions.cpu().data<long>().ToArray();

    /// <summary>Each sequence's first row among the packed rows and its number of real tokens, in batch order.</summary>
    internal (int Start, int Length)[] Sequences => _sequences ??= CountSequences();

    /// <summary>
    /// A dropout mask for packed N×<paramref name="channels"/> activations, drawn exactly as dropout on the padded
    /// B×T×<paramref name="channels"/> batch draws it (same shape, same generator calls) and then packed: training on
    /// the real tokens only repeats the padded run's masks, and so sentence-transformers' own run.
    /// </summary>
    internal Tensor DropoutMask(double probability, long channels, ScalarType dtype, Device device)
    {
        // On the CPU libtorch's dropout is input × empty_like(input).bernoulli_(1 − p) / (1 − p): drawn that way, the mask
        // costs no extra pass. Elsewhere (CUDA's fused kernel draws differently) it is dropout applied to ones.
        using var scope = NewDisposeScope();
        Tensor mask = device.type == DeviceType.CPU
            ? empty([Batch * Length, channels], dtype: dtype, device: device).bernoulli_(1 - probability).div_(1 - probability)
            : nn.functional.dropout(ones([Batch * Length, channels], dtype: dtype, device: device), probability, training: true);
        return mask.index_select(0, _positions).MoveToOuterDisposeScope();
    }

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

    private (int Start, int Length)[] CountSequences()
    {
        var sequences = new (int Start, int Length)[Batch];
        long[] rows = PaddedRows;
        for (int r = 0, b = 0; b < Batch; b++)
        {
            int start = r;
            while (r < rows.Length && rows[r] / Length == b)
            {
                r++;
            }

            sequences[b] = (start, r - start);
        }

        return sequences;
    }

    /// <inheritdoc />
    public void Dispose() => _positions.Dispose();
}
