using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Serialization;
using LossGen.SentenceTransformers.Training;
using LossGen.Serialization;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Training;

/// <summary>
/// The quickstart killed mid-run (after its first checkpoint) and resumed from that checkpoint saves the same model as
/// an uninterrupted run: all-MiniLM-L6-v2, dropout on, in child processes.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class ProcessKillResumeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-kill").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_killed_run_resumed_from_its_checkpoint_ends_like_an_uninterrupted_one()
    {
        string uninterrupted = Path.Combine(_folder, "uninterrupted");
        string interrupted = Path.Combine(_folder, "interrupted");
        string checkpoint = Path.Combine(_folder, "checkpoint");
        Run($"--output \"{uninterrupted}\"");

        using (Process killed = Start($"--output \"{interrupted}\" --checkpoint \"{checkpoint}\" --checkpoint-every 2"))
        {
            var clock = Stopwatch.StartNew();
            while (TrainingCheckpoint.GetLastCheckpoint(checkpoint) is null && !killed.HasExited && clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                Thread.Sleep(20);
            }

            killed.Kill(entireProcessTree: true);
            killed.WaitForExit();
            string? written = TrainingCheckpoint.GetLastCheckpoint(checkpoint);
            Assert.True(written is not null, "the run ended before writing its first checkpoint");
            string state = Path.Combine(written, "trainer_state.json");
            int step = JsonDocument.Parse(File.ReadAllText(state)).RootElement.GetProperty("Step").GetInt32();
            Assert.True(step < 10, $"the run was not killed mid-way: its checkpoint is at step {step} of 10");
        }

        Assert.False(Directory.Exists(Path.Combine(interrupted, "model")), "the killed run must not have saved a model");
        Run($"--output \"{interrupted}\" --resume \"{checkpoint}\"");

        using var leaks = new TensorLeakGuard();
        var expected = SafeTensors.Load(Path.Combine(uninterrupted, "model", "model.safetensors"));
        var actual = SafeTensors.Load(Path.Combine(interrupted, "model", "model.safetensors"));
        try
        {
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach ((string name, Tensor value) in expected)
            {
                Assert.True(allclose(actual[name], value, rtol: 1e-5, atol: 1e-6), $"{name} differs after the resumed run");
            }
        }
        finally
        {
            foreach (Tensor tensor in expected.Values.Concat(actual.Values))
            {
                tensor.Dispose();
            }
        }
    }

    private static ProcessStartInfo Quickstart(string arguments) => SampleProcesses.StartInfo("Quickstart", arguments);

    private static Process Start(string arguments)
    {
        var process = Process.Start(Quickstart(arguments))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Run(string arguments)
    {
        using Process process = Process.Start(Quickstart(arguments))!;
        string output = process.StandardOutput.ReadToEndAsync().Result + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"quickstart {arguments} failed:\n{output}");
    }
}
