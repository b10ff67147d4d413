using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossGen.Cpu;

/// <summary>
/// libtorch's CPU kernels run on GNU OpenMP, whose idle threads spin for about 300,000 iterations before sleeping. Beside
/// a busy neighbour (a CI runner, an IDE) that spinning steals the core the other thread needs: a CoSENT step of
/// all-MiniLM-L6-v2 took 3× as long with one core busy. A short spin (<c>GOMP_SPINCOUNT=1000</c>) keeps the quiet-machine
/// speed and loses no more than the work displaced. libgomp reads its settings once, when libtorch loads, so they are
/// set when LossGen is first used, before TorchSharp loads libtorch; a value the user set is left alone. To keep libgomp's
/// own spin without setting a variable, turn the <c>LossGen.ShortOpenMpSpin</c> runtime switch off before LossGen is
/// first used: <c>AppContext.SetSwitch("LossGen.ShortOpenMpSpin", false)</c> at the start of <c>Main</c>, or
/// <c>&lt;RuntimeHostConfigurationOption Include="LossGen.ShortOpenMpSpin" Value="false" /&gt;</c> in the project.
/// </summary>
internal static class OpenMpWaitPolicy
{
    /// <summary>The spin count LossGen sets.</summary>
    internal const string SpinCount = "1000";

    /// <summary>The runtime switch that turns the policy off when set to false.</summary>
    internal const string Switch = "LossGen.ShortOpenMpSpin";

#pragma warning disable CA2255 // A library module initializer is exactly what must run before TorchSharp's first native call.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux() || (AppContext.TryGetSwitch(Switch, out bool enabled) && !enabled)
            || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null || Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null)
        {
            return;
        }

        // .NET keeps its own copy of the environment on Unix; libgomp reads the C library's, so set both.
        Environment.SetEnvironmentVariable("GOMP_SPINCOUNT", SpinCount);
        _ = setenv("GOMP_SPINCOUNT", SpinCount, 0);
    }

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
