using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using LossGen.Distributed;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Pretrained;
using static TorchSharp.torch;

namespace LossGen.Benchmarks;

/// <summary>
/// Whether overlapping the gradient all-reduce with the backward pass would pay on this machine, measured as the most an
/// overlapping trainer could win: two ranks under mpirun, one thread each, all-MiniLM-L6-v2 with
/// MultipleNegativesRankingLoss on 16 pairs of 32-token texts per rank; per step the backward pass, the all-reduce of
/// the gradients' volume (every parameter in float32, 25 MiB buckets, as the trainer sends them), and the two at once
/// (the all-reduce on a second thread while the backward pass runs). Sequential and overlapped steps alternate.
/// </summary>
public static class DataParallelOverlap
{
    private const int PairsPerRank = 16;
    private const int Steps = 24;
    private const long BucketFloats = 25L * 1024 * 1024 / sizeof(float);

    public static int RunAll(int rounds)
    {
        Console.WriteLine("| transport | backward (s) | all-reduce alone (s) | backward then all-reduce (s) | both at once (s) | share of the all-reduce hidden |");
        Console.WriteLine("|---|---|---|---|---|---|");
        for (int round = 0; round < rounds; round++)
        {
            Console.WriteLine(DataParallelThroughput.Mpi(["--mca", "btl", "self,vader"], "data-parallel-overlap-one", "shared memory"));
            Console.WriteLine(DataParallelThroughput.Mpi(["--mca", "btl", "self,tcp", "--mca", "btl_tcp_if_include", "lo"], "data-parallel-overlap-one", "TCP loopback"));
        }

        return 0;
    }

    public static int RunOne(string transport)
    {
        set_num_threads(1);
        manual_seed(0);
        IProcessGroup world = ProcessGroups.FromEnvironment() ?? throw new InvalidOperationException("Run under mpirun -np 2.");
        using SentenceTransformer model = AllMiniLmL6V2.Load();
        model.SetTraining(true);
        using var loss = new MultipleNegativesRankingLoss(model);
        string Text(int i, string role) => $"{role} {i}: " + string.Join(' ', Enumerable.Range(0, 24).Select(w => $"w{((i * 13) + w + world.Rank) % 97}"));
        string[] anchors = [.. Enumerable.Range(0, PairsPerRank).Select(i => Text(i, "query"))];
        string[] positives = [.. Enumerable.Range(0, PairsPerRank).Select(i => Text(i, "answer"))];
        long count = model.parameters().Sum(p => p.numel());
        using Tensor buffer = zeros(count);
        Tensor[] buckets = [.. Enumerable.Range(0, (int)((count + BucketFloats - 1) / BucketFloats)).Select(b => buffer.narrow(0, b * BucketFloats, Math.Min(BucketFloats, count - (b * BucketFloats))))];
        void Reduce()
        {
            foreach (Tensor bucket in buckets)
            {
                world.AllReduce(bucket);
            }
        }

        var backward = new List<double>();
        var reduce = new List<double>();
        var both = new List<double>();
        for (int step = 0; step < Steps; step++)
        {
            model.zero_grad();
            using var scope = NewDisposeScope();
            Tensor value = loss.Compute(new TextBatch([anchors, positives]));
            world.Barrier();
            var clock = Stopwatch.StartNew();
            if (step % 2 == 0)
            {
                value.backward();
                double computed = clock.Elapsed.TotalSeconds;
                Reduce();
                backward.Add(computed);
                reduce.Add(clock.Elapsed.TotalSeconds - computed);
            }
            else
            {
                // The most any overlap can do: the whole all-reduce beside the whole backward pass. Only this thread
                // calls MPI meanwhile (MPI_THREAD_SERIALIZED).
                Task communication = Task.Factory.StartNew(Reduce, TaskCreationOptions.LongRunning);
                value.backward();
                communication.Wait();
                both.Add(clock.Elapsed.TotalSeconds);
            }
        }

        // The first two steps of each kind warm up.
        static double Median(List<double> values) => values.Skip(2).Order().ElementAt((values.Count - 2) / 2);
        double b = Median(backward), r = Median(reduce), o = Median(both);
        if (world.Rank == 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {transport} | {b:F3} | {r:F3} | {b + r:F3} | {o:F3} | {(b + r - o) / r:P0} |"));
        }

        world.Barrier();
        return 0;
    }
}
