using System;
using System.CommandLine;

namespace LossGen.Samples;

/// <summary>The samples' command lines (System.CommandLine): <c>--help</c> prints the usage; an unknown or malformed option prints the error and the usage and exits 2.</summary>
public static class SampleCommandLine
{
    /// <summary>Parses <paramref name="args"/>; <c>null</c> when the sample should run, else the exit code to return.</summary>
    public static int? Parse(RootCommand command, string[] args, out ParseResult result)
    {
        result = command.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            command.Parse(["--help"]).Invoke();
            return 2;
        }

        // The samples set no action of their own: an action here is --help or --version, which print and end the run.
        return result.Action is null ? null : result.Invoke();
    }

    /// <summary>The real-data samples' options: <c>--data</c>, <c>--seed</c>, <c>--epochs</c>; <c>null</c> with the exit code when the run ends here.</summary>
    public static (DataRun? Run, int ExitCode) ParseDataRun(string description, string defaultData, string[] args)
    {
        var data = new Option<string>("--data") { Description = "the data set's folder", DefaultValueFactory = _ => defaultData };
        var seed = new Option<int>("--seed") { Description = "seeds the data order and dropout", DefaultValueFactory = _ => 42 };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 1 };
        var maxSteps = new Option<int?>("--max-steps") { Description = "stop after this many steps (default: every epoch)" };
        var output = new Option<string?>("--output") { Description = "a folder for the trained model, its curves and its step log" };
        var bf16 = new Option<bool>("--bf16") { Description = "bfloat16 mixed precision (CPUs with AVX512-BF16 or AMX, CUDA)" };
        var parallelDropout = new Option<bool>("--parallel-dropout") { Description = "dropout masks drawn on all threads (DropoutSampler.Parallel)" };
        var command = new RootCommand(description) { data, seed, epochs, maxSteps, output, bf16, parallelDropout };
        return Parse(command, args, out ParseResult parsed) is int exit
            ? (null, exit)
            : (new DataRun(System.IO.Path.GetFullPath(parsed.GetValue(data)!), parsed.GetValue(seed), parsed.GetValue(epochs), parsed.GetValue(maxSteps), parsed.GetValue(output), parsed.GetValue(bf16), parsed.GetValue(parallelDropout)), 0);
    }
}

/// <summary>A real-data sample's options.</summary>
public sealed record DataRun(string Data, int Seed, int Epochs, int? MaxSteps = null, string? Output = null, bool Bf16 = false, bool ParallelDropout = false);
