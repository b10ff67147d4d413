using System;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Backbones.Rotary;

/// <summary>
/// The attention core shared by ModernBERT, Qwen3 and Gemma3: projections split into heads, an optional per-head norm
/// of queries and keys, RoPE, grouped-query attention (each key/value head serving <c>heads / kv_heads</c> query heads),
/// scaled dot-product attention under a keep-mask, heads merged. In a packed forward (<see cref="TokenLayout"/>) the
/// projections arrive as real tokens (N×C): attention runs in the batch's layout and the context is packed again.
/// </summary>
public static class RotaryAttention
{
    /// <summary>
    /// Attends with queries (…×heads·d), keys and values (…×kvHeads·d); returns the merged context (…×heads·d).
    /// <paramref name="scale"/> multiplies the scores (1/√d when <c>null</c>).
    /// </summary>
    public static Tensor Attend(Tensor query, Tensor key, Tensor value, int heads, int kvHeads, int headDim, RotaryInputs inputs, double? scale, double dropout, Func<Tensor, Tensor>? queryNorm = null, Func<Tensor, Tensor>? keyNorm = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var scope = NewDisposeScope();
        TokenLayout? layout = EncoderExecution.Current.Layout;
        Tensor q = Heads(layout is null ? query : layout.Pad(query), heads, headDim, queryNorm);
        Tensor k = Heads(layout is null ? key : layout.Pad(key), kvHeads, headDim, keyNorm);
        Tensor v = Heads(layout is null ? value : layout.Pad(value), kvHeads, headDim, null);
        q = RotaryEmbedding.Apply(q, inputs.Cos, inputs.Sin);
        k = RotaryEmbedding.Apply(k, inputs.Cos, inputs.Sin);
        if (kvHeads != heads)
        {
            k = k.repeat_interleave(heads / kvHeads, dim: 1);
            v = v.repeat_interleave(heads / kvHeads, dim: 1);
        }

        // scaled_dot_product_attention divides by √d; another scale is folded into the queries.
        if (scale is double factor)
        {
            q = q.mul(factor * Math.Sqrt(headDim));
        }

        Tensor context = F.scaled_dot_product_attention(q, k, v, inputs.Keep, p: dropout);
        long batch = context.shape[0], length = context.shape[2];
        Tensor merged = context.transpose(1, 2).reshape(batch, length, heads * headDim);
        return (layout is null ? merged : layout.Pack(merged)).MoveToOuterDisposeScope();
    }

    // B×T×(h·d) → B×h×T×d, with the per-head norm transformers applies before RoPE (Qwen3, Gemma3).
    private static Tensor Heads(Tensor projected, int heads, int headDim, Func<Tensor, Tensor>? norm)
    {
        Tensor split = projected.view(projected.shape[0], projected.shape[1], heads, headDim);
        return (norm is null ? split : norm(split)).transpose(1, 2);
    }
}
