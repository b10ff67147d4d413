using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;
using static TorchSharp.torch;

namespace LossGen.Benchmarks;

/// <summary>
/// Peak resident memory of one training step of all-MiniLM-L6-v2 with MultipleNegativesRankingLoss and its cached twin
/// at growing batch sizes, each in a fresh process: GradCache keeps the activations of one mini-batch only.
/// </summary>
public static class EncoderPeakMemory
{
    public static int RunAll(int[] batchSizes)
    {
        Console.WriteLine("| loss | batch | seconds | peak RSS growth over the loaded model (MiB) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (string loss in new[] { "MultipleNegativesRankingLoss", "CachedMultipleNegativesRankingLoss" })
        {
            foreach (int batch in batchSizes)
            {
                Console.WriteLine(FreshProcess.Run("encoder-peak-one", loss, batch.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return 0;
    }

    public static int RunOne(string lossName, int batch)
    {
        set_num_threads(2);
        manual_seed(0);
        using SentenceTransformer model = AllMiniLmL6V2.Load();
        model.SetTraining(true);
        using SentenceLoss loss = lossName == "CachedMultipleNegativesRankingLoss" ? new CachedMultipleNegativesRankingLoss(model, miniBatchSize: 32) : new MultipleNegativesRankingLoss(model);
        string[] anchors = Enumerable.Range(0, batch).Select(i => $"question {i}: how does the number {i * 7} relate to the weather in city {i % 13} during the month of {i % 12}?").ToArray();
        string[] positives = Enumerable.Range(0, batch).Select(i => $"answer {i}: the number {i * 7} is reported for city {i % 13}, where month {i % 12} is usually mild and rainy.").ToArray();
        long before = PeakMemory.PeakResidentBytes();
        var watch = Stopwatch.StartNew();
        using (NewDisposeScope())
        {
            Tensor value = loss.Compute(new TextBatch([anchors, positives]));
            value.backward();
        }

        double growth = (PeakMemory.PeakResidentBytes() - before) / (1024.0 * 1024.0);
        Console.WriteLine($"| {lossName} | {batch} | {watch.Elapsed.TotalSeconds:F1} | {growth:F0} |");
        return 0;
    }
}
