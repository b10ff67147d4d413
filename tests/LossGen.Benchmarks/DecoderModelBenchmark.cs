using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LossGen.Backbones;
using LossGen.Backbones.Lora;
using LossGen.Backbones.Qwen3;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tokenizers;
using LossGen.Training;
using static TorchSharp.torch;

namespace LossGen.Benchmarks;

/// <summary>
/// A decoder embedding model of realistic width on the CPU: a random-weight Qwen3 of Qwen3-Embedding-0.6B's shape
/// (28 layers, hidden 1024, 16 query / 8 key-value heads of 128, vocabulary 151 669), last-token pooling, left padding.
/// Encoding and one LoRA fine-tuning step (MultipleNegativesRankingLoss, r 16 on q/k/v/o) in float32 and bfloat16, each
/// in a fresh process for its peak memory. The tokenizer is the golden Qwen3 folder's (its ids are valid here; the
/// texts are sized in tokens).
/// </summary>
public static class DecoderModelBenchmark
{
    private const int Batch = 16;
    private const int Tokens = 64;

    public static int RunAll()
    {
        Console.WriteLine($"| step | precision | seconds (median of 3) | tokens/s | peak RSS (MiB) | peak RSS growth over the loaded model (MiB) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (string step in new[] { "encode", "lora-step" })
        {
            foreach (string precision in new[] { "float32", "bfloat16" })
            {
                Console.WriteLine(FreshProcess.Run("decoder-one", step, precision));
            }
        }

        return 0;
    }

    public static int RunOne(string step, string precision)
    {
        set_num_threads(2);
        manual_seed(0);
        string folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "golden", "models-modern", "qwen3-lasttoken-leftpad");
        TextTokenizer tokenizer = TokenizerFolder.Load(Path.GetFullPath(folder));
        var config = new Qwen3Config
        {
            VocabSize = 151669, HiddenSize = 1024, IntermediateSize = 3072, NumHiddenLayers = 28, NumAttentionHeads = 16,
            NumKeyValueHeads = 8, HeadDim = 128, MaxPositionEmbeddings = 32768, RopeTheta = 1000000, RmsNormEps = 1e-6,
        };
        var options = new SentenceTransformerOptions { PoolingModes = [PoolingMode.LastToken], MaxSeqLength = Tokens };
        using var model = new SentenceTransformer(new Qwen3Model(config), tokenizer, options, [new Normalize()]);
        bool bf16 = precision == "bfloat16";

        // Texts of Tokens − 1 pieces plus <|endoftext|>, different per row.
        string[] texts = Enumerable.Range(0, Batch).Select(i => string.Join(' ', Enumerable.Range(0, 200).Select(w => $"w{(i * 7) + w}"))).ToArray();
        long before = PeakResidentBytes();
        var seconds = new double[3];
        if (step == "encode")
        {
            model.Transformer.MatmulPrecision = bf16 ? MatmulPrecision.BFloat16 : MatmulPrecision.Float32;
            model.Embed(texts).Dispose();
            for (int round = 0; round < seconds.Length; round++)
            {
                var watch = Stopwatch.StartNew();
                model.Embed(texts).Dispose();
                seconds[round] = watch.Elapsed.TotalSeconds;
            }
        }
        else
        {
            model.AddAdapter(new LoraConfig { R = 16, LoraAlpha = 32, TargetModules = ["q_proj", "k_proj", "v_proj", "o_proj"] });
            using var loss = new MultipleNegativesRankingLoss(model);
            var pairs = SentenceDataset.FromColumns(("anchor", texts.Take(Batch / 2).ToArray()), ("positive", texts.Skip(Batch / 2).ToArray()));
            for (int round = -1; round < seconds.Length; round++)
            {
                using var trainer = new SentenceTransformerTrainer(model, pairs, loss, new TrainingArguments { BatchSize = Batch / 2, Bf16 = bf16, LearningRate = 1e-4 });
                var watch = Stopwatch.StartNew();
                trainer.Train();
                if (round >= 0)
                {
                    seconds[round] = watch.Elapsed.TotalSeconds;
                }
            }
        }

        double median = seconds.Order().ElementAt(1);
        long peak = PeakResidentBytes();
        Console.WriteLine($"| {(step == "encode" ? $"encode {Batch}×{Tokens} tokens" : $"LoRA step, {Batch / 2} pairs × {Tokens} tokens")} | {precision} | {median:F2} | {Batch * Tokens / median:F0} | {peak / 1048576.0:F0} | {(peak - before) / 1048576.0:F0} |");
        return 0;
    }

    private static long PeakResidentBytes() => PeakMemory.PeakResidentBytes();
}
