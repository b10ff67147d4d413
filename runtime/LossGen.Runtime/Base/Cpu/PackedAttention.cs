using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LossGen.Backbones;
using static TorchSharp.torch;

namespace LossGen.Cpu;

/// <summary>
/// Inference self-attention computed on the packed real tokens themselves (varlen): each sequence's queries attend to
/// its own keys and values, read from the packed N×3H projections and written to the packed N×H context. libtorch's
/// fused CPU attention wants the padded B×heads×T×d layout, so each layer scattered its projections to padding and
/// gathered the context back, and for bfloat16 on AMD CPUs its small products ran MKL's generic path (bfloat16 widened
/// to float32, then an AVX2 sgemm): a sixth of a short-text encode for under one percent of its arithmetic. Here the
/// scores, the softmax and the weighted sum run in float32 in AVX-512 registers; bfloat16 inputs are widened and the
/// context is rounded to nearest-even once, as the fused kernel does, so the result is the same within float rounding.
/// </summary>
internal static class PackedAttention
{
    private const int Lanes = 16;

    /// <summary>
    /// Whether the attention of packed <paramref name="qkv"/> (N×3H) can be computed here: inference (no gradient, no
    /// dropout), on the CPU with AVX-512, float32 or bfloat16, only a padding mask, and a head width of whole vectors.
    /// </summary>
    public static bool Applies(Tensor qkv, int heads, Tensor? mask, double dropout, TokenLayout? layout) =>
        layout is not null && dropout == 0 && !is_grad_enabled() && CpuFeatures.HasAvx512
        && qkv.device_type == TorchSharp.DeviceType.CPU && qkv.dtype is ScalarType.Float32 or ScalarType.BFloat16
        && qkv.dim() == 2 && qkv.is_contiguous() && (mask is null || mask.dtype == ScalarType.Bool)
        && qkv.shape[1] % (3 * heads) == 0 && qkv.shape[1] / (3 * heads) % Lanes == 0;

    /// <summary>softmax(q·kᵀ/√d)·v per sequence of <paramref name="layout"/> and head, for packed <paramref name="qkv"/>.</summary>
    public static Tensor Attend(Tensor qkv, int heads, TokenLayout layout)
    {
        int width = (int)(qkv.shape[1] / 3), depth = width / heads;
        Tensor context = empty([qkv.shape[0], width], dtype: qkv.dtype);
        (int Start, int Length)[] sequences = layout.Sequences;
        bool bfloat16 = qkv.dtype == ScalarType.BFloat16;
        Cpu.IntraOpParallel.For(sequences.Length * heads, item =>
        {
            (int start, int length) = sequences[item / heads];
            if (length == 0)
            {
                return;
            }

            var head = new Head(start, length, item % heads * depth, depth, width);
            if (bfloat16)
            {
                head.Run<ushort>(MemoryMarshal.Cast<byte, ushort>(qkv.bytes), MemoryMarshal.Cast<byte, ushort>(context.bytes));
            }
            else
            {
                head.Run<float>(MemoryMarshal.Cast<byte, float>(qkv.bytes), MemoryMarshal.Cast<byte, float>(context.bytes));
            }
        });
        return context;
    }

    // One head of one sequence: rows Start..Start+Length of the packed tensors, columns Column..Column+Depth of each part.
    // Queries go four at a time, so that four independent multiply-add chains hide the instruction latency.
    private readonly record struct Head(int Start, int Length, int Column, int Depth, int Width)
    {
        private const int Queries = 4; // one FourSums per block of queries

        public void Run<T>(ReadOnlySpan<T> qkv, Span<T> context)
            where T : unmanaged
        {
            int keys = (Length + Lanes - 1) / Lanes * Lanes;
            float[] keysByDepth = ArrayPool<float>.Shared.Rent(Depth * keys);
            float[] values = ArrayPool<float>.Shared.Rent(Length * Depth);
            float[] queries = ArrayPool<float>.Shared.Rent(Queries * Depth);
            float[] scores = ArrayPool<float>.Shared.Rent(Queries * keys);
            float[] output = ArrayPool<float>.Shared.Rent(Queries * Depth);
            try
            {
                // Keys transposed (depth-major) so that 16 scores come from one broadcast multiply-add per depth.
                Array.Clear(keysByDepth, 0, Depth * keys);
                for (int j = 0; j < Length; j++)
                {
                    int row = ((Start + j) * 3 * Width) + Column;
                    for (int c = 0; c < Depth; c += Lanes)
                    {
                        Vector512<float> key = Load(qkv, row + Width + c);
                        for (int lane = 0; lane < Lanes; lane++)
                        {
                            keysByDepth[((c + lane) * keys) + j] = key.GetElement(lane);
                        }

                        Load(qkv, row + (2 * Width) + c).StoreUnsafe(ref values[(j * Depth) + c]);
                    }
                }

                var scale = Vector512.Create(1 / MathF.Sqrt(Depth));
                Span<float> sums = stackalloc float[Queries];
                for (int first = 0; first < Length; first += Queries)
                {
                    for (int q = 0; q < Queries; q++)
                    {
                        // Past the sequence's end the block repeats its last query; its rows are not written.
                        int row = ((Start + Math.Min(first + q, Length - 1)) * 3 * Width) + Column;
                        for (int c = 0; c < Depth; c += Lanes)
                        {
                            (Load(qkv, row + c) * scale).StoreUnsafe(ref queries[(q * Depth) + c]);
                        }
                    }

                    Scores(queries, keysByDepth, keys, scores);
                    for (int q = 0; q < Queries; q++)
                    {
                        sums[q] = Exponentiate(scores.AsSpan(q * keys, keys));
                    }

                    WeightedSum(scores, keys, values, output);
                    for (int q = 0; q < Math.Min(Queries, Length - first); q++)
                    {
                        var inverse = Vector512.Create(1 / sums[q]);
                        for (int c = 0; c < Depth; c += Lanes)
                        {
                            Store(Vector512.LoadUnsafe(ref output[(q * Depth) + c]) * inverse, context, ((Start + first + q) * Width) + Column + c);
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(keysByDepth);
                ArrayPool<float>.Shared.Return(values);
                ArrayPool<float>.Shared.Return(queries);
                ArrayPool<float>.Shared.Return(scores);
                ArrayPool<float>.Shared.Return(output);
            }
        }

        // q·kⱼ for four queries and every key j, −∞ beyond the sequence.
        private void Scores(float[] queries, float[] keysByDepth, int keys, float[] scores)
        {
            for (int j = 0; j < keys; j += Lanes)
            {
                var sums = default(FourSums);
                for (int c = 0; c < Depth; c++)
                {
                    sums.MultiplyAdd(Vector512.LoadUnsafe(ref keysByDepth[(c * keys) + j]), queries, c, Depth);
                }

                if (j + Lanes > Length)
                {
                    sums.Exclude(Vector512.LessThanOrEqual(Vector512.Create((float)(Length - j)), Ramp));
                }

                sums.Store(scores, j, keys);
            }
        }

        // Σⱼ scoresⱼ · valuesⱼ over the sequence's keys, for four queries.
        private void WeightedSum(float[] scores, int keys, float[] values, float[] output)
        {
            for (int c = 0; c < Depth; c += Lanes)
            {
                var sums = default(FourSums);
                for (int j = 0; j < Length; j++)
                {
                    sums.MultiplyAdd(Vector512.LoadUnsafe(ref values[(j * Depth) + c]), scores, j, keys);
                }

                sums.Store(output, c, Depth);
            }
        }
    }

    // Four queries' sums of one vector each: every loaded vector feeds four independent multiply-add chains.
    private struct FourSums
    {
        private Vector512<float> _first, _second, _third, _fourth;

        // Adds shared · weights[index + q·stride] to the sum of query q.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void MultiplyAdd(Vector512<float> shared, float[] weights, int index, int stride)
        {
            _first = Vector512.FusedMultiplyAdd(Vector512.Create(weights[index]), shared, _first);
            _second = Vector512.FusedMultiplyAdd(Vector512.Create(weights[index + stride]), shared, _second);
            _third = Vector512.FusedMultiplyAdd(Vector512.Create(weights[index + (2 * stride)]), shared, _third);
            _fourth = Vector512.FusedMultiplyAdd(Vector512.Create(weights[index + (3 * stride)]), shared, _fourth);
        }

        // −∞ in the lanes of excluded keys.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Exclude(Vector512<float> excluded)
        {
            var infinity = Vector512.Create(float.NegativeInfinity);
            _first = Vector512.ConditionalSelect(excluded, infinity, _first);
            _second = Vector512.ConditionalSelect(excluded, infinity, _second);
            _third = Vector512.ConditionalSelect(excluded, infinity, _third);
            _fourth = Vector512.ConditionalSelect(excluded, infinity, _fourth);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Store(float[] target, int index, int stride)
        {
            _first.StoreUnsafe(ref target[index]);
            _second.StoreUnsafe(ref target[index + stride]);
            _third.StoreUnsafe(ref target[index + (2 * stride)]);
            _fourth.StoreUnsafe(ref target[index + (3 * stride)]);
        }
    }

    // exp(sⱼ − max s) in place (0 where s is −∞); returns their sum.
    private static float Exponentiate(Span<float> scores)
    {
        var max = Vector512.Create(float.NegativeInfinity);
        for (int j = 0; j < scores.Length; j += Lanes)
        {
            max = Vector512.Max(max, Vector512.LoadUnsafe(ref scores[j]));
        }

        Vector256<float> half = Vector256.Max(max.GetLower(), max.GetUpper());
        Vector128<float> quarter = Vector128.Max(half.GetLower(), half.GetUpper());
        var top = Vector512.Create(MathF.Max(MathF.Max(quarter[0], quarter[1]), MathF.Max(quarter[2], quarter[3])));
        Vector512<float> total = Vector512<float>.Zero;
        for (int j = 0; j < scores.Length; j += Lanes)
        {
            Vector512<float> e = Vector512.Exp(Vector512.LoadUnsafe(ref scores[j]) - top);
            e.StoreUnsafe(ref scores[j]);
            total += e;
        }

        return Vector512.Sum(total);
    }

    // 16 elements from offset as float32 (bfloat16 is the upper half of a float32).
    private static Vector512<float> Load<T>(ReadOnlySpan<T> source, int offset)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.LoadUnsafe(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(source)), (nuint)offset);
        }

        Vector256<ushort> raw = Vector256.LoadUnsafe(ref Unsafe.As<T, ushort>(ref MemoryMarshal.GetReference(source)), (nuint)offset);
        return Vector512.ShiftLeft(Vector512.Create(Vector256.WidenLower(raw), Vector256.WidenUpper(raw)), 16).AsSingle();
    }

    // 16 float32 values to offset, bfloat16 rounded to nearest even as libtorch rounds (the context is finite).
    private static void Store<T>(Vector512<float> value, Span<T> target, int offset)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            value.StoreUnsafe(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(target)), (nuint)offset);
            return;
        }

        Vector512<uint> bits = value.AsUInt32();
        Vector512<uint> rounded = Vector512.ShiftRightLogical(bits + Vector512.Create(0x7FFFu) + (Vector512.ShiftRightLogical(bits, 16) & Vector512<uint>.One), 16);
        Avx512F.ConvertToVector256UInt16(rounded).StoreUnsafe(ref Unsafe.As<T, ushort>(ref MemoryMarshal.GetReference(target)), (nuint)offset);
    }

    private static readonly Vector512<float> Ramp = Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}
