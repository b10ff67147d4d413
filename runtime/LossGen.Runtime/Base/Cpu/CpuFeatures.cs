using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Cpu;

/// <summary>
/// What this CPU can do, asked one way (the runtime's intrinsics support and CPUID) and in one place, for every speed
/// path that depends on it: oneDNN products (<see cref="OneDnnLinear"/>), attention on packed tokens
/// (<see cref="PackedAttention"/>), the one-pass AdamW (<see cref="AdamWKernel"/>), parallel dropout masks
/// (<see cref="ParallelDropout"/>) and bfloat16 products.
/// </summary>
internal static class CpuFeatures
{
    /// <summary>Whether 512-bit vectors run in hardware (AVX-512F, with the operating system saving their state).</summary>
    public static bool HasAvx512 { get; } = Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>Whether the CPU is AMD's ("AuthenticAMD"), whose AVX-512 MKL's sgemm does not use.</summary>
    public static bool IsAmd { get; } = X86Base.IsSupported && X86Base.CpuId(0, 0) is (_, 0x68747541, 0x444D4163, 0x69746E65);

    /// <summary>
    /// Whether the CPU multiplies bfloat16 natively: AVX512-BF16 (CPUID leaf 7, sub-leaf 1, EAX bit 5) or AMX-BF16 (leaf
    /// 7, sub-leaf 0, EDX bit 22). Without either, libtorch emulates bfloat16 products more slowly than float32 ones.
    /// </summary>
    public static bool HasBFloat16 { get; } = X86Base.IsSupported && X86Base.CpuId(0, 0).Eax >= 7
        && (((X86Base.CpuId(7, 1).Eax >> 5) & 1) == 1 && Avx512F.IsSupported || ((X86Base.CpuId(7, 0).Edx >> 22) & 1) == 1);
}
