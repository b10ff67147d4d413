using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.SentenceTransformers.Training;
using LossGen.Training;
using static TorchSharp.torch;

namespace LossGen.Benchmarks;

/// <summary>
/// Fine-tuning throughput of all-MiniLM-L6-v2 with CoSENTLoss at batch 16 on STS-B train in the seed-0 randperm order,
/// dropout on, as the reference's <c>finetune.py bench</c> measures it: median step time over steps 10–59, with pairs/s,
/// tokens/s, the padding share and the achieved GFLOP/s (6 × non-embedding parameters per padded token). Each
/// configuration runs in a fresh process, quiet and beside a competing CPU-bound process, runs alternated.
/// </summary>
public static class TrainingThroughput
{
    private const int Steps = 60;
    private const int BatchSize = 16;

    public static int RunAll(int rounds)
    {
        var configurations = new (string Name, Dictionary<string, string> Environment)[]
        {
            ("LossGen default (padding skipped, exact)", new()),
            ("LossGen, padded (SkipPaddingInTraining = false)", new() { ["LOSSGEN_BENCH_SKIP_PADDING"] = "0" }),
            ("LossGen, bfloat16 mixed precision (Bf16)", new() { ["LOSSGEN_BENCH_BF16"] = "1" }),
            ("LossGen, parallel dropout (DropoutSampler.Parallel)", new() { ["LOSSGEN_BENCH_PARALLEL_DROPOUT"] = "1" }),
            ("LossGen, fast options (Bf16 + DropoutSampler.Parallel)", new() { ["LOSSGEN_BENCH_BF16"] = "1", ["LOSSGEN_BENCH_PARALLEL_DROPOUT"] = "1" }),
            ("libgomp's default spin (GOMP_SPINCOUNT=300000)", new() { ["GOMP_SPINCOUNT"] = "300000" }),
            ("no spin (OMP_WAIT_POLICY=PASSIVE, as the reference runs)", new() { ["OMP_WAIT_POLICY"] = "PASSIVE" }),
        };
        Console.WriteLine("| configuration | neighbour | pairs/s | tokens/s | padding | GFLOP/s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        for (int round = 0; round < rounds; round++)
        {
            foreach (bool contended in new[] { false, true })
            {
                foreach (var (name, environment) in configurations)
                {
                    string result = BusyNeighbour.Beside(contended, () => FreshProcess.RunWith(environment, "throughput-one"));
                    Console.WriteLine($"| {name} | {BusyNeighbour.Describe(contended)} | {result} |");
                }
            }
        }

        return 0;
    }

    public static int RunOne()
    {
        // LossGen first, as an application uses it: its threading setup must precede libtorch's loading.
        using SentenceTransformer model = AllMiniLmL6V2.Load();
        model.Transformer.SkipPaddingInTraining = Environment.GetEnvironmentVariable("LOSSGEN_BENCH_SKIP_PADDING") != "0";
        if (Environment.GetEnvironmentVariable("LOSSGEN_BENCH_BF16") == "1")
        {
            model.Transformer.MatmulPrecision = LossGen.Backbones.MatmulPrecision.BFloat16;
        }

        if (Environment.GetEnvironmentVariable("LOSSGEN_BENCH_PARALLEL_DROPOUT") == "1")
        {
            model.Transformer.DropoutSampler = LossGen.Backbones.DropoutSampler.Parallel;
        }

        set_num_threads(2);
        string data = Path.Combine(LossGen.Tests.Shared.RepositoryRoot.Path, "..", "shared", "data", "stsb", "train.tsv");
        string[][] rows = File.ReadLines(data).Skip(1).Select(l => l.Split('\t')).ToArray();
        // LOSSGEN_BENCH_NO_DROPOUT=1 steps in eval mode: the same work without dropout, to see what dropout costs.
        model.SetTraining(Environment.GetEnvironmentVariable("LOSSGEN_BENCH_NO_DROPOUT") != "1");
        using var loss = new CoSENTLoss(model);
        int epochSteps = rows.Length / BatchSize;
        using var trainer = new SentenceTransformerTrainer(model, [loss], epochSteps, new TrainingArguments { LearningRate = 2e-5, WarmupRatio = 0.1 });

        manual_seed(0);
        long[] order;
        using (Tensor permutation = randperm(rows.Length))
        {
            order = permutation.data<long>().ToArray();
        }

        long nonEmbedding = model.Transformer.named_parameters().Where(p => !p.name.StartsWith("embeddings.", StringComparison.Ordinal)).Sum(p => p.parameter.numel());
        var seconds = new List<double>();
        long realTokens = 0, paddedTokens = 0;
        for (int step = 0; step < Steps; step++)
        {
            string[][] batch = order.Skip(step * BatchSize).Take(BatchSize).Select(i => rows[i]).ToArray();
            var examples = batch.Select(r => new ScoredPairExample(r[0], r[1], float.Parse(r[2], CultureInfo.InvariantCulture))).ToArray();
            if (step >= 10)
            {
                foreach (int column in new[] { 0, 1 })
                {
                    int[] lengths = batch.Select(r => model.Tokenize(r[column]).Length).ToArray();
                    realTokens += lengths.Sum();
                    paddedTokens += (long)lengths.Max() * lengths.Length;
                }
            }

            var clock = Stopwatch.StartNew();
            trainer.Step(loss, CoSENTLoss.Collate(examples));
            if (step >= 10)
            {
                seconds.Add(clock.Elapsed.TotalSeconds);
            }
        }

        double median = seconds.Order().ElementAt(seconds.Count / 2);
        double mean = seconds.Average();
        double tokensPerStep = realTokens / (double)seconds.Count, paddedPerStep = paddedTokens / (double)seconds.Count;
        // GFLOP/s counts the tokens the layers process: every padded position, or the real ones when padding is skipped.
        double processed = model.Transformer.SkipPaddingInTraining ? tokensPerStep : paddedPerStep;
        Console.WriteLine($"{BatchSize / median:F1} | {tokensPerStep / median:F0} | {1 - (realTokens / (double)paddedTokens):P0} | {6.0 * nonEmbedding * processed / mean / 1e9:F0}");
        return 0;
    }
}
