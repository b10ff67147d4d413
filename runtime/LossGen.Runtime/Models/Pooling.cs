using System;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Models;

/// <summary>Pooling of token embeddings into sentence embeddings, as sentence-transformers' <c>Pooling</c> module.</summary>
public static class Pooling
{
    /// <summary>Pools <paramref name="tokens"/> (B×T×H) over the positions where <paramref name="attentionMask"/> (B×T) is 1.</summary>
    public static Tensor Apply(PoolingMode mode, Tensor tokens, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(attentionMask);
        using var scope = NewDisposeScope();
        Tensor mask = attentionMask.unsqueeze(-1).to(tokens.dtype);
        Tensor pooled = mode switch
        {
            PoolingMode.Mean => tokens.mul(mask).sum(1).div(mask.sum(1).clamp_min(1e-9)),
            PoolingMode.Cls => tokens.select(1, 0),
            PoolingMode.Max => tokens.masked_fill(mask.eq(0), -1e9).max(1).values,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
        };
        return pooled.MoveToOuterDisposeScope();
    }

    /// <summary>The sentence-transformers name of a mode, as in <c>1_Pooling/config.json</c>.</summary>
    public static string ConfigKey(PoolingMode mode) => mode switch
    {
        PoolingMode.Mean => "pooling_mode_mean_tokens",
        PoolingMode.Cls => "pooling_mode_cls_token",
        PoolingMode.Max => "pooling_mode_max_tokens",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
