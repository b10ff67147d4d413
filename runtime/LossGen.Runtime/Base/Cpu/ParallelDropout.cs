using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LossGen.Backbones;
using static TorchSharp.torch;

namespace LossGen.Cpu;

/// <summary>
/// <see cref="DropoutSampler.Parallel"/> masks. libtorch's CPU Bernoulli draws one element at a time from a single
/// Mersenne Twister; no library gives TorchSharp a parallel, position-addressable one, hence this: element i of a mask
/// is kept when the top 32 bits of SplitMix64(seed + i·γ) are at least p·2³², so any subset of a mask (the real tokens'
/// rows) can be drawn alone and on any number of threads, with the same result.
/// </summary>
internal static class ParallelDropout
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    /// <summary>Whether masks for tensors on <paramref name="device"/> are drawn here in the current forward.</summary>
    public static bool Applies(Device device) => EncoderExecution.Current.Sampler == DropoutSampler.Parallel && device.type == TorchSharp.DeviceType.CPU;

    /// <summary>A seed for one mask, drawn from torch's default generator so that <c>manual_seed</c> fixes it.</summary>
    public static ulong NextSeed()
    {
        using Tensor draw = randint(long.MinValue, long.MaxValue, [1], dtype: ScalarType.Int64);
        return unchecked((ulong)draw.item<long>());
    }

    /// <summary>
    /// The scaled keep-mask (0 or 1/(1 − p)) of rows×<paramref name="channels"/> activations whose row r is row
    /// <paramref name="rows"/>[r] of the full mask (every row in order when <paramref name="rows"/> is null).
    /// </summary>
    public static Tensor Mask(ulong seed, double probability, long rowCount, long channels, long[]? rows)
    {
        Tensor mask = empty([rowCount, channels], dtype: ScalarType.Float32);
        uint threshold = (uint)Math.Min(uint.MaxValue, Math.Round(probability * 4294967296.0));
        float kept = (float)(1 / (1 - probability));
        int blocks = (int)Math.Min(rowCount, Cpu.IntraOpParallel.Threads * 8L);
        Cpu.IntraOpParallel.For(blocks, block =>
        {
            Span<float> values = MemoryMarshal.Cast<byte, float>(mask.bytes);
            long first = rowCount * block / blocks, last = rowCount * (block + 1) / blocks;
            for (long r = first; r < last; r++)
            {
                Fill(values.Slice((int)(r * channels), (int)channels), seed, ((rows?[r]) ?? r) * channels, threshold, kept);
            }
        });
        return mask;
    }

    private static void Fill(Span<float> row, ulong seed, long firstIndex, uint threshold, float kept)
    {
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<ulong> lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
            Vector512<uint> limit = Vector512.Create(threshold);
            Vector512<uint> keptBits = Vector512.Create(BitConverter.SingleToUInt32Bits(kept));
            for (; c <= row.Length - Vector512<uint>.Count; c += Vector512<uint>.Count)
            {
                var index = Vector512.Create((ulong)(firstIndex + c)) + lanes;
                Vector512<uint> high = Vector512.Narrow(
                    Vector512.ShiftRightLogical(Mix(seed, index), 32),
                    Vector512.ShiftRightLogical(Mix(seed, index + Vector512.Create(8UL)), 32));
                Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(high, limit), keptBits, Vector512<uint>.Zero).AsSingle().CopyTo(row.Slice(c));
            }
        }

        for (; c < row.Length; c++)
        {
            row[c] = (uint)(Mix(seed, (ulong)(firstIndex + c)) >> 32) >= threshold ? kept : 0f;
        }
    }

    private static ulong Mix(ulong seed, ulong index)
    {
        ulong z = unchecked(seed + ((index + 1) * Gamma));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EB);
        return z ^ (z >> 31);
    }

    private static Vector512<ulong> Mix(ulong seed, Vector512<ulong> index)
    {
        Vector512<ulong> z = Vector512.Create(seed) + ((index + Vector512<ulong>.One) * Vector512.Create(Gamma));
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }
}
