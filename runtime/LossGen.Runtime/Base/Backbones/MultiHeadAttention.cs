using System;
using LossGen.Cpu;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Backbones;

/// <summary>Scaled dot-product attention over heads, shared by the architectures whose attention differs only in names.</summary>
public static class MultiHeadAttention
{
    /// <summary>The bool keep-mask (B×1×1×T) of a 0/1 attention mask (B×T).</summary>
    public static Tensor KeepMask(Tensor attentionMask) => attentionMask.to(ScalarType.Bool).view(attentionMask.shape[0], 1, 1, attentionMask.shape[1]);

    /// <summary>
    /// Runs the first <paramref name="count"/> of <paramref name="layers"/> in turn, each on the previous one's output and
    /// <paramref name="mask"/>; adds each layer's output to <paramref name="states"/> when given.
    /// </summary>
    public static Tensor RunLayers<TLayer>(System.Collections.Generic.IList<TLayer> layers, Tensor hidden, Tensor mask, int count, System.Collections.Generic.List<Tensor>? states)
        where TLayer : TorchSharp.torch.nn.Module<Tensor, Tensor, Tensor>
    {
        Tensor current = hidden;
        for (int i = 0; i < count; i++)
        {
            // Layer outputs are the caller's: each layer's module scope already hands its result to the current scope.
            current = layers[i].call(current, mask);
            states?.Add(current);
        }

        return current;
    }

    /// <summary>Splits B×T×H projections into B×heads×T×(H/heads).</summary>
    public static Tensor SplitHeads(Tensor projected, int heads)
    {
        long batch = projected.shape[0], length = projected.shape[1], width = projected.shape[2];
        return projected.view(batch, length, heads, width / heads).transpose(1, 2);
    }

    /// <summary>
    /// Self-attention over side-by-side query, key and value projections (B×T×3H, or packed N×3H in a packed forward,
    /// padded back once for all three); otherwise as <see cref="Attend"/>. Under bfloat16 inference the context is
    /// bfloat16, for the output projection to take as it is.
    /// </summary>
    public static Tensor AttendQkv(Tensor qkv, int heads, Tensor? mask, double dropout)
    {
        using var scope = NewDisposeScope();
        TokenLayout? layout = EncoderExecution.Current.Layout;
        // Under bfloat16, inference also multiplies in attention in bfloat16 (training keeps float32 attention and its gradients).
        Tensor input = MixedPrecision.InBFloat16 && !is_grad_enabled() ? qkv.to(ScalarType.BFloat16) : qkv;
        if (PackedAttention.Applies(input, heads, mask, dropout, layout))
        {
            return PackedAttention.Attend(input, heads, layout!).MoveToOuterDisposeScope();
        }

        Tensor[] parts = (layout is null ? input : layout.Pad(input)).chunk(3, -1);
        Tensor context = AttendPadded(parts[0], parts[1], parts[2], heads, mask is not null && mask.is_floating_point() ? mask.to(input.dtype) : mask, dropout, causal: false);
        // A bfloat16 context goes on as it is: the output projection would round it to bfloat16 again.
        return (layout is null ? context : layout.Pack(context)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// softmax(q·kᵀ/√d + mask)·v per head, merged back to B×T×H. <paramref name="mask"/> is either a bool keep-mask
    /// (B×1×1×S) or an additive float bias broadcastable to B×heads×T×S; dropout on the probabilities in training only.
    /// In a packed forward the projections are packed real tokens (N×H) and so is the result.
    /// </summary>
    public static Tensor Attend(Tensor query, Tensor key, Tensor value, int heads, Tensor? mask, double dropout, bool causal = false)
    {
        if (EncoderExecution.Current.Layout is not { } layout)
        {
            return AttendPadded(query, key, value, heads, mask, dropout, causal);
        }

        // Packed real tokens (N×H) go back to the batch's layout for the fused kernel, and the context is packed again.
        using var scope = NewDisposeScope();
        return layout.Pack(AttendPadded(layout.Pad(query), layout.Pad(key), layout.Pad(value), heads, mask, dropout, causal)).MoveToOuterDisposeScope();
    }

    private static Tensor AttendPadded(Tensor query, Tensor key, Tensor value, int heads, Tensor? mask, double dropout, bool causal)
    {
        using var scope = NewDisposeScope();

        long batch = query.shape[0], length = query.shape[1], width = query.shape[2];
        Tensor context = dropout > 0 && ParallelDropout.Applies(query.device)
            ? AttendWithParallelDropout(SplitHeads(query, heads), SplitHeads(key, heads), SplitHeads(value, heads), mask, dropout, causal)
            : F.scaled_dot_product_attention(SplitHeads(query, heads), SplitHeads(key, heads), SplitHeads(value, heads), mask, p: dropout, is_casual: causal);
        return context.transpose(1, 2).reshape(batch, length, width).MoveToOuterDisposeScope();
    }

    // The attention scaled_dot_product_attention computes when it has dropout (its math path), with the probabilities'
    // mask drawn by ParallelDropout instead of libtorch's serial generator.
    private static Tensor AttendWithParallelDropout(Tensor query, Tensor key, Tensor value, Tensor? mask, double dropout, bool causal)
    {
        long batch = query.shape[0], heads = query.shape[1], length = query.shape[2], memory = key.shape[2];
        Tensor scores = matmul(query, key.transpose(-2, -1)).mul_(1 / Math.Sqrt(query.shape[3]));
        if (mask is not null)
        {
            scores = mask.dtype == ScalarType.Bool ? scores.masked_fill(mask.logical_not(), float.NegativeInfinity) : scores.add(mask);
        }

        if (causal)
        {
            using Tensor future = ones([length, memory], dtype: ScalarType.Bool, device: query.device).triu(1);
            scores = scores.masked_fill(future, float.NegativeInfinity);
        }

        Tensor keep = ParallelDropout.Mask(ParallelDropout.NextSeed(), dropout, batch * heads * length, memory, null);
        return matmul(F.softmax(scores, -1).mul(keep.to(scores.dtype).view(batch, heads, length, memory)), value);
    }
}
