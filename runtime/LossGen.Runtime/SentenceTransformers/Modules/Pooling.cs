using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Modules;

/// <summary>Pooling of token embeddings into sentence embeddings, as sentence-transformers' <c>Pooling</c> module.</summary>
public static class Pooling
{
    /// <summary>The modes in the order sentence-transformers concatenates them when several are on.</summary>
    public static IReadOnlyList<PoolingMode> ConcatenationOrder { get; } =
        [PoolingMode.Cls, PoolingMode.Max, PoolingMode.Mean, PoolingMode.MeanSqrtLen, PoolingMode.WeightedMean, PoolingMode.LastToken];

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
            PoolingMode.MeanSqrtLen => tokens.mul(mask).sum(1).div(mask.sum(1).clamp_min(1e-9).sqrt()),
            PoolingMode.WeightedMean => WeightedMean(tokens, mask),
            PoolingMode.Cls => tokens.select(1, 0),
            PoolingMode.Max => tokens.masked_fill(mask.eq(0), -1e9).max(1).values,
            PoolingMode.LastToken => LastToken(tokens, attentionMask),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
        };
        return pooled.MoveToOuterDisposeScope();
    }

    /// <summary>Pools with every mode of <paramref name="modes"/>, concatenated in <see cref="ConcatenationOrder"/>.</summary>
    public static Tensor Apply(IReadOnlyCollection<PoolingMode> modes, Tensor tokens, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(modes);
        PoolingMode[] ordered = ConcatenationOrder.Where(modes.Contains).ToArray();
        if (ordered.Length == 1)
        {
            return Apply(ordered[0], tokens, attentionMask);
        }

        using var scope = NewDisposeScope();
        return cat(ordered.Select(m => Apply(m, tokens, attentionMask)).ToArray(), 1).MoveToOuterDisposeScope();
    }

    /// <summary>The sentence-transformers name of a mode, as in <c>1_Pooling/config.json</c>.</summary>
    public static string ConfigKey(PoolingMode mode) => mode switch
    {
        PoolingMode.Mean => "pooling_mode_mean_tokens",
        PoolingMode.Cls => "pooling_mode_cls_token",
        PoolingMode.Max => "pooling_mode_max_tokens",
        PoolingMode.MeanSqrtLen => "pooling_mode_mean_sqrt_len_tokens",
        PoolingMode.WeightedMean => "pooling_mode_weightedmean_tokens",
        PoolingMode.LastToken => "pooling_mode_lasttoken",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static Tensor WeightedMean(Tensor tokens, Tensor mask)
    {
        Tensor weights = arange(1, tokens.shape[1] + 1, dtype: tokens.dtype, device: tokens.device).view(1, -1, 1);
        Tensor weighted = mask.mul(weights);
        return tokens.mul(weighted).sum(1).div(weighted.sum(1).clamp_min(1e-9));
    }

    // The last position whose mask is 1 (sentence-transformers flips the mask and takes its first maximum).
    private static Tensor LastToken(Tensor tokens, Tensor attentionMask)
    {
        long length = tokens.shape[1];
        (Tensor values, Tensor indices) = attentionMask.to(ScalarType.Int32).flip(1).max(1);
        Tensor fromEnd = where(values.eq(0), full_like(indices, length - 1), indices);
        Tensor gather = fromEnd.neg().add(length - 1).view(-1, 1, 1).expand(-1, 1, tokens.shape[2]);
        return tokens.gather(1, gather).squeeze(1);
    }
}
