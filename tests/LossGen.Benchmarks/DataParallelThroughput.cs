using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using LossGen.Distributed;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.Training;
using static TorchSharp.torch;

namespace LossGen.Benchmarks;

/// <summary>
/// Data-parallel fine-tuning of all-MiniLM-L6-v2 (MultipleNegativesRankingLoss, 32 pairs of 32-token texts per global
/// batch, dropout off) on this machine: one process with both cores against two processes of one core each under
/// mpirun on loopback, runs alternated; tokens/s and the gradient all-reduce's share of a step.
/// </summary>
public static class DataParallelThroughput
{
    private const int GlobalBatch = 32;
    private const int Steps = 12;

    public static int RunAll(int rounds)
    {
        Console.WriteLine("| processes × threads | seconds per step (median of steps 3–12) | tokens/s | all-reduce share of a step | all-reduced per step (MiB) |");
        Console.WriteLine("|---|---|---|---|---|");
        for (int round = 0; round < rounds; round++)
        {
            Console.WriteLine(FreshProcess.Run("data-parallel-one", "2"));
            Console.WriteLine(Mpi([], "data-parallel-one", "1"));
        }

        return 0;
    }

    public static int RunOne(int threads)
    {
        set_num_threads(threads);
        manual_seed(0);
        IProcessGroup? world = ProcessGroups.FromEnvironment();
        var timed = world is null ? null : new TimedProcessGroup(world);
        using SentenceTransformer model = AllMiniLmL6V2.Load();
        int processes = world?.Size ?? 1;
        string Text(int i, string role) => $"{role} {i}: " + string.Join(' ', Enumerable.Range(0, 24).Select(w => $"w{((i * 13) + w) % 97}"));
        int rows = GlobalBatch * Steps;
        var dataset = SentenceDataset.FromColumns(("anchor", Enumerable.Range(0, rows).Select(i => Text(i, "query")).ToArray()), ("positive", Enumerable.Range(0, rows).Select(i => Text(i, "answer")).ToArray()));
        using var loss = new MultipleNegativesRankingLoss(model);
        var arguments = new TrainingArguments { BatchSize = GlobalBatch / processes, LearningRate = 1e-5, ProcessGroup = timed, DropLast = true };
        using var trainer = new SentenceTransformerTrainer(model, dataset, loss, arguments);
        var seconds = new System.Collections.Generic.List<double>();
        var reduce = new System.Collections.Generic.List<double>();
        var clock = Stopwatch.StartNew();
        trainer.Train(_ =>
        {
            seconds.Add(clock.Elapsed.TotalSeconds);
            reduce.Add(timed?.TakeSeconds() ?? 0);
            clock.Restart();
        });
        int tokens = model.CountTokens(Text(0, "query")) * GlobalBatch * 2;
        double median = seconds.Skip(2).Order().ElementAt((seconds.Count - 2) / 2);
        double share = reduce.Skip(2).Sum() / seconds.Skip(2).Sum();
        if (world is null || world.Rank == 0)
        {
            long bytes = model.parameters().Sum(p => p.numel()) * sizeof(float);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {processes} × {threads} | {median:F3} | {tokens / median:F0} | {(world is null ? "–" : $"{share:P1}")} | {(world is null ? "–" : $"{bytes / 1048576.0:F0}")} |"));
        }

        return 0;
    }

    /// <summary>Runs this benchmark assembly with <paramref name="arguments"/> as two ranks under mpirun (its own <paramref name="options"/> first); returns their output.</summary>
    internal static string Mpi(string[] options, params string[] arguments)
    {
        var start = new ProcessStartInfo("mpirun") { RedirectStandardOutput = true };
        foreach (string argument in new[] { "--allow-run-as-root", "--oversubscribe", "--bind-to", "none" }.Concat(options).Concat(["-np", "2", "dotnet", typeof(DataParallelThroughput).Assembly.Location]).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    // Times the collectives the trainer makes (the gradient all-reduce and the loss mean).
    private sealed class TimedProcessGroup(IProcessGroup inner) : IProcessGroup
    {
        private readonly Stopwatch _reduce = new();

        public int Rank => inner.Rank;

        public int Size => inner.Size;

        public double TakeSeconds()
        {
            double seconds = _reduce.Elapsed.TotalSeconds;
            _reduce.Reset();
            return seconds;
        }

        public void AllReduce(Tensor tensor)
        {
            _reduce.Start();
            inner.AllReduce(tensor);
            _reduce.Stop();
        }

        public Tensor AllGather(Tensor tensor) => inner.AllGather(tensor);

        public void Broadcast(Tensor tensor, int root) => inner.Broadcast(tensor, root);

        public void Barrier() => inner.Barrier();

        public void Abort(string reason) => inner.Abort(reason);
    }
}
