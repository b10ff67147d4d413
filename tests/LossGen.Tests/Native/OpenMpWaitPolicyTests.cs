using System;
using System.Runtime.InteropServices;
using Xunit;

namespace LossGen.Tests.Native;

/// <summary>LossGen shortens libgomp's spin-wait in the C library's environment, which libgomp reads, unless the user chose a policy.</summary>
public sealed class OpenMpWaitPolicyTests
{
    [Fact]
    public void Using_LossGen_sets_a_short_OpenMP_spin_in_the_native_environment()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null)
        {
            return;
        }

        LossGen.Native.OpenMpWaitPolicy.Apply();
        string? native = Marshal.PtrToStringAnsi(getenv("GOMP_SPINCOUNT"));
        Assert.NotNull(native);
        Assert.Equal(Environment.GetEnvironmentVariable("GOMP_SPINCOUNT"), native);
    }

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);
}
