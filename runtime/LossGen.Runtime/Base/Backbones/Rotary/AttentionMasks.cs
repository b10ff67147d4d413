using static TorchSharp.torch;

namespace LossGen.Backbones.Rotary;

/// <summary>
/// The bool keep-masks (B×1×T×T) of the rotary architectures, in the padded batch's layout: padding keys hidden, and
/// optionally later positions (<c>causal</c>) and positions farther than a window. A query row that would keep nothing
/// (a left-padding position under a causal mask) keeps itself, so that no NaN reaches the padding's values; those
/// rows are padding and are never read.
/// </summary>
public static class AttentionMasks
{
    /// <summary>
    /// The keep-mask of <paramref name="attentionMask"/> (B×T, 0/1): key <c>j</c> is kept for query <c>i</c> when it is a
    /// real token, <c>j ≤ i</c> if <paramref name="causal"/>, and <c>|i − j| ≤ </c><paramref name="window"/> when given.
    /// </summary>
    public static Tensor Keep(Tensor attentionMask, bool causal, long? window)
    {
        using var scope = NewDisposeScope();
        long batch = attentionMask.shape[0], length = attentionMask.shape[1];
        Tensor keep = attentionMask.to(ScalarType.Bool).view(batch, 1, 1, length).expand(batch, 1, length, length);
        Tensor rows = arange(length, device: attentionMask.device).view(-1, 1);
        Tensor columns = arange(length, device: attentionMask.device).view(1, -1);
        if (causal)
        {
            keep = keep.logical_and(columns.le(rows));
        }

        if (window is long distance)
        {
            keep = keep.logical_and(rows.sub(columns).abs().le(distance));
        }

        Tensor empty = keep.any(-1, keepdim: true).logical_not();
        Tensor diagonal = rows.eq(columns).view(1, 1, length, length);
        return keep.logical_or(empty.logical_and(diagonal)).MoveToOuterDisposeScope();
    }
}
