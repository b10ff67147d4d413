using System;
using System.Diagnostics;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Pretrained;
using static TorchSharp.torch;

namespace LossGen.Benchmarks;

/// <summary>
/// Peak resident memory of one CachedMultipleNegativesRankingLoss step of all-MiniLM-L6-v2 on a batch whose first
/// rows are long texts: mini-batches of a row count hold the long rows together, a token budget
/// (<c>mini_batch_num_tokens</c>) spreads them, each in a fresh process.
/// </summary>
public static class TokenBudgetPeakMemory
{
    private const int Batch = 64;
    private const int LongRows = 16;

    public static int RunAll()
    {
        Console.WriteLine("| mini-batches | seconds | tokens in the largest mini-batch | peak RSS growth over the loaded model (MiB) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (string mode in new[] { "rows:16", "tokens:1024", "tokens:512" })
        {
            Console.WriteLine(FreshProcess.Run("token-budget-one", mode));
        }

        return 0;
    }

    public static int RunOne(string mode)
    {
        set_num_threads(2);
        manual_seed(0);
        using SentenceTransformer model = AllMiniLmL6V2.Load();
        model.SetTraining(true);
        string[] parts = mode.Split(':');
        int value = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        int? budget = parts[0] == "tokens" ? value : null;
        using var loss = new CachedMultipleNegativesRankingLoss(model, miniBatchSize: budget is null ? value : 16, miniBatchNumTokens: budget);
        string Text(int i, string role) => i < LongRows
            ? string.Join(' ', Enumerable.Range(0, 120).Select(w => $"{role}{i}word{w % 17}"))
            : $"{role} {i}: a short text about topic {i % 9}.";
        string[] anchors = Enumerable.Range(0, Batch).Select(i => Text(i, "query")).ToArray();
        string[] positives = Enumerable.Range(0, Batch).Select(i => Text(i, "answer")).ToArray();
        int[] tokens = anchors.Select(model.CountTokens).ToArray();
        int largest = LossGen.Training.MiniBatchRanges.Of(tokens, budget is null ? value : 16, budget).Max(r => tokens.Skip(r.Start).Take(r.Count).Max() * r.Count);

        long before = PeakMemory.PeakResidentBytes();
        var watch = Stopwatch.StartNew();
        using (NewDisposeScope())
        {
            loss.Compute(new TextBatch([anchors, positives])).backward();
        }

        double growth = (PeakMemory.PeakResidentBytes() - before) / (1024.0 * 1024.0);
        Console.WriteLine($"| {(budget is null ? $"{value} rows" : $"{value}-token budget")} | {watch.Elapsed.TotalSeconds:F1} | {largest} (padded) | {growth:F0} |");
        return 0;
    }
}
