using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace LossGen.Tests.Support;

/// <summary>Runs the built samples as child processes, as a user runs them.</summary>
public static class SampleProcesses
{
    /// <summary>The sample's assembly, built by the same solution build in this test assembly's configuration.</summary>
    public static string Dll(string sample)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        string path = Path.Combine(RepositoryPaths.Root, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        Assert.True(File.Exists(path), $"The {sample} sample is not built at {path}; build LossGen.sln.");
        return path;
    }

    /// <summary>How to start <paramref name="sample"/> with <paramref name="arguments"/>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string sample, string arguments) => new("dotnet", $"\"{Dll(sample)}\" {arguments}")
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        WorkingDirectory = RepositoryPaths.Root,
    };

    /// <summary>Runs <paramref name="sample"/> to the end (at most <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string sample, string arguments, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(sample, arguments))!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(timeout), $"{sample} {arguments} did not finish in {timeout}.");
        return (process.ExitCode, stdout + stderr.Result);
    }
}
