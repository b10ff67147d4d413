using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace LossGen.Tests.Support;

/// <summary>Runs the data-parallel worker (tests/LossGen.Distributed.Worker) under Open MPI's mpirun, or alone.</summary>
public static partial class MpiRun
{
    /// <summary>Why a test that needs Open MPI is skipped where it is absent.</summary>
    public const string Missing = "Open MPI is not installed (mpirun not on PATH): apt-get install openmpi-bin; CI installs it.";

    /// <summary>Whether Open MPI's mpirun is on the PATH (CI installs Debian's openmpi-bin).</summary>
    public static bool Available { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator).Any(directory => File.Exists(Path.Combine(directory, "mpirun")));

    /// <summary>The worker's assembly, built by the same solution build in this test assembly's configuration.</summary>
    public static string Worker
    {
        get
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            string path = Path.Combine(RepositoryPaths.Root, "tests", "LossGen.Distributed.Worker", "bin", configuration, "net10.0", "LossGen.Distributed.Worker.dll");
            Assert.True(File.Exists(path), $"The data-parallel worker is not built at {path}; build LossGen.sln.");
            return path;
        }
    }

    /// <summary>
    /// Runs <c>mpirun</c> with <paramref name="arguments"/> (its own options and the programs, where <c>{worker}</c> is
    /// the worker's <c>dotnet</c> command) to the end, at most <paramref name="timeout"/>; returns the exit code and output.
    /// <paramref name="oversubscribe"/> lets more ranks run than the machine has cores (CI's runners have two).
    /// </summary>
    public static (int ExitCode, string Output, TimeSpan Elapsed) Mpi(string arguments, TimeSpan timeout, bool oversubscribe = true) =>
        Run("mpirun", $"--allow-run-as-root {(oversubscribe ? "--oversubscribe " : string.Empty)}--mca btl self,tcp --mca btl_tcp_if_include lo {arguments.Replace("{worker}", $"dotnet \"{Worker}\"", StringComparison.Ordinal)}", timeout);

    /// <summary>Runs the worker alone (a single process) with <paramref name="arguments"/>.</summary>
    public static (int ExitCode, string Output, TimeSpan Elapsed) Alone(string arguments, TimeSpan timeout) =>
        Run("dotnet", $"\"{Worker}\" {arguments}", timeout);

    private static (int, string, TimeSpan) Run(string program, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {arguments} did not finish in {timeout}: {stdout.Result}{stderr.Result}");
        }

        return (process.ExitCode, Escapes().Replace(stdout.Result + stderr.Result, string.Empty), clock.Elapsed);
    }

    // The terminal modes .NET's console writes when it thinks it has a terminal.
    [GeneratedRegex(@"\x1b\[\?1h\x1b=|\x1b\[\?1l\x1b>")]
    private static partial Regex Escapes();
}

/// <summary>A test that needs Open MPI, skipped, saying so, where mpirun is not installed.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    /// <summary>Skips the test when mpirun is absent.</summary>
    public MpiFactAttribute()
    {
        if (!MpiRun.Available)
        {
            Skip = MpiRun.Missing;
        }
    }
}

/// <summary>A theory that needs Open MPI, skipped, saying so, where mpirun is not installed.</summary>
public sealed class MpiTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the test when mpirun is absent.</summary>
    public MpiTheoryAttribute()
    {
        if (!MpiRun.Available)
        {
            Skip = MpiRun.Missing;
        }
    }
}
