using System;
using System.Runtime.InteropServices;
using LossGen.Cpu;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Cpu;

/// <summary>
/// LossGen shortens libgomp's spin-wait in the C library's environment, which libgomp reads, unless the user chose a
/// spin count or a wait policy. Each case sets the environment it needs and restores the process's afterwards.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class OpenMpWaitPolicyTests
{
    private const string Spin = "GOMP_SPINCOUNT", Policy = "OMP_WAIT_POLICY";

    [LinuxFact]
    public void With_nothing_chosen_the_spin_count_is_1000_in_both_environments()
    {
        using var saved = new SavedEnvironment();
        Set(Spin, null);
        Set(Policy, null);

        OpenMpWaitPolicy.Apply();

        Assert.Equal("1000", Native(Spin));
        Assert.Equal("1000", Environment.GetEnvironmentVariable(Spin));
    }

    [LinuxFact]
    public void A_spin_count_the_user_set_is_left_alone()
    {
        using var saved = new SavedEnvironment();
        Set(Spin, "5000");
        Set(Policy, null);

        OpenMpWaitPolicy.Apply();

        Assert.Equal("5000", Native(Spin));
        Assert.Equal("5000", Environment.GetEnvironmentVariable(Spin));
    }

    [LinuxFact]
    public void A_wait_policy_the_user_set_gets_no_spin_count()
    {
        using var saved = new SavedEnvironment();
        Set(Spin, null);
        Set(Policy, "PASSIVE");

        OpenMpWaitPolicy.Apply();

        Assert.Null(Native(Spin));
        Assert.Null(Environment.GetEnvironmentVariable(Spin));
        Assert.Equal("PASSIVE", Native(Policy));
    }

    [LinuxFact]
    public void The_runtime_switch_turned_off_leaves_libgomp_s_own_spin()
    {
        using var saved = new SavedEnvironment();
        Set(Spin, null);
        Set(Policy, null);
        AppContext.SetSwitch(OpenMpWaitPolicy.Switch, false);
        try
        {
            OpenMpWaitPolicy.Apply();
        }
        finally
        {
            AppContext.SetSwitch(OpenMpWaitPolicy.Switch, true);
        }

        Assert.Null(Native(Spin));
        Assert.Null(Environment.GetEnvironmentVariable(Spin));
    }

    private static string? Native(string name) => Marshal.PtrToStringAnsi(getenv(name));

    // Sets (or removes) a variable in .NET's copy of the environment and in the C library's, as a user's shell would.
    private static void Set(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        _ = value is null ? unsetenv(name) : setenv(name, value, 1);
    }

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int unsetenv(string name);

    private sealed class SavedEnvironment : IDisposable
    {
        private readonly string? _spin = Native(Spin), _policy = Native(Policy);

        public void Dispose()
        {
            Set(Spin, _spin);
            Set(Policy, _policy);
        }
    }
}
