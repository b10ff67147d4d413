using System;
using System.Diagnostics;
using System.IO;

namespace LossGen.Benchmarks;

/// <summary>Runs this benchmark program again in a fresh process, so that peak-memory readings do not mix between cases.</summary>
public static class FreshProcess
{
    /// <summary>Runs the program with <paramref name="arguments"/> and returns what it printed.</summary>
    public static string Run(params string[] arguments) => RunWith(null, arguments);

    /// <summary>Runs the program with <paramref name="arguments"/> and extra <paramref name="environment"/> variables.</summary>
    public static string RunWith(System.Collections.Generic.IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        foreach ((string name, string value) in environment ?? new System.Collections.Generic.Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FreshProcess).Assembly.Location);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
