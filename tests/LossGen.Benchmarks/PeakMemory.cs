using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LossGen.SentenceTransformers.Losses;
using static TorchSharp.torch;

namespace LossGen.Benchmarks;

/// <summary>
/// Time and peak resident memory of one forward plus backward at a large batch, each case in a fresh process so that
/// peaks do not mix (libtorch's native allocations are invisible to BenchmarkDotNet's memory diagnoser).
/// </summary>
public static class PeakMemory
{
    public static int RunAll(string[] names, int[] batchSizes)
    {
        Console.WriteLine("| loss | batch | seconds | peak RSS growth (MiB) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (string name in names)
        {
            foreach (int batch in batchSizes)
            {
                Console.WriteLine(FreshProcess.Run("peak-one", name, batch.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return 0;
    }

    public static int RunOne(string name, int batch)
    {
        set_num_threads(2);
        manual_seed(0);
        LossCase lossCase = LossCase.All.Single(c => c.Name == name);
        using SentenceLoss loss = lossCase.Create();
        Tensor[] columns = Enumerable.Range(0, lossCase.Columns).Select(_ => randn(batch, LossCase.Dimension).requires_grad_()).ToArray();
        var input = new EmbeddingBatch(columns, lossCase.Labels(batch));
        long before = PeakResidentBytes();
        var watch = Stopwatch.StartNew();
        using (NewDisposeScope())
        {
            Tensor value = loss.ComputeFromEmbeddings(input);
            value.backward();
            _ = value.item<float>();
        }

        watch.Stop();
        double growth = (PeakResidentBytes() - before) / (1024.0 * 1024.0);
        Console.WriteLine($"| {name} | {batch} | {watch.Elapsed.TotalSeconds:F3} | {growth:F0} |");
        return 0;
    }

    /// <summary>The process's peak resident set size (VmHWM).</summary>
    public static long PeakResidentBytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        // "VmHWM:\t 123456 kB": a tab, then space padding that disappears for large values.
        return long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
