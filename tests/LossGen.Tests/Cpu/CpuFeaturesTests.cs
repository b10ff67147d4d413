using System;
using System.IO;
using System.Linq;
using LossGen.Cpu;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Cpu;

/// <summary>CpuFeatures decodes CPUID as the Linux kernel does: its answers agree with /proc/cpuinfo on this machine.</summary>
public sealed class CpuFeaturesTests
{
    [LinuxFact]
    public void The_features_agree_with_the_kernel_s_cpu_flags()
    {
        string[] lines = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0).ToArray();
        string[] flags = lines.First(l => l.StartsWith("flags", StringComparison.Ordinal)).Split([' ', '\t', ':'], StringSplitOptions.RemoveEmptyEntries);
        string vendor = lines.FirstOrDefault(l => l.StartsWith("vendor_id", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? string.Empty;

        Assert.Equal(vendor == "AuthenticAMD", CpuFeatures.IsAmd);
        Assert.Equal(flags.Contains("avx512f"), CpuFeatures.HasAvx512);
        Assert.Equal(flags.Contains("avx512_bf16") || flags.Contains("amx_bf16"), CpuFeatures.HasBFloat16);
    }
}
