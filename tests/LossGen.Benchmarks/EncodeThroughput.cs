using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LossGen.Export;
using LossGen.Models;
using LossGen.Models.Pretrained;
using LossGen.OnnxRuntime;

namespace LossGen.Benchmarks;

/// <summary>
/// Encoding throughput of all-MiniLM-L6-v2 on the 2758 STS-B test sentences at batch 64: LossGen's TorchSharp model
/// against its ONNX export served by <see cref="OnnxSentenceEncoder"/>, runs alternated in one process, median of the rounds.
/// </summary>
public static class EncodeThroughput
{
    public static int Run(int rounds)
    {
        string data = Path.Combine(LossGen.Tests.Shared.RepositoryRoot.Path, "..", "shared", "data", "stsb", "test.tsv");
        string[] sentences = File.ReadLines(data).Skip(1).SelectMany(l => l.Split('\t').Take(2)).ToArray();
        string folder = Directory.CreateTempSubdirectory("lossgen-encode").FullName;
        try
        {
            using SentenceTransformer model = AllMiniLmL6V2.Load();
            string fp32 = Path.Combine(folder, "fp32", "model.onnx"), fp16 = Path.Combine(folder, "fp16", "model.onnx");
            OnnxExporter.Export(model, fp32);
            OnnxExporter.Export(model, fp16, float16: true);
            using OnnxSentenceEncoder onnx32 = OnnxSentenceEncoder.Load(fp32);
            using OnnxSentenceEncoder onnx16 = OnnxSentenceEncoder.Load(fp16);
            var runs = new (string Name, Action Encode)[]
            {
                ("LossGen TorchSharp", () => model.Embed(sentences, batchSize: 64).Dispose()),
                ("LossGen TorchSharp, bfloat16 mixed precision", () => EmbedBFloat16(model, sentences)),
                ("ONNX Runtime, float32 export", () => onnx32.Embed(sentences, batchSize: 64)),
                ("ONNX Runtime, float16 weights", () => onnx16.Embed(sentences, batchSize: 64)),
            };
            foreach (var run in runs)
            {
                run.Encode();
            }

            var seconds = runs.ToDictionary(r => r.Name, _ => new double[rounds]);
            for (int round = 0; round < rounds; round++)
            {
                foreach (var run in runs)
                {
                    var clock = Stopwatch.StartNew();
                    run.Encode();
                    seconds[run.Name][round] = clock.Elapsed.TotalSeconds;
                }
            }

            Console.WriteLine($"| encoder ({sentences.Length} STS-B test sentences, batch 64, {Environment.ProcessorCount} cores) | sentences/s (median of {rounds}) | ratio |");
            Console.WriteLine("|---|---|---|");
            double baseline = sentences.Length / Median(seconds[runs[0].Name]);
            foreach (var run in runs)
            {
                double rate = sentences.Length / Median(seconds[run.Name]);
                Console.WriteLine($"| {run.Name} | {rate:F0} | {rate / baseline:F2}× |");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void EmbedBFloat16(SentenceTransformer model, string[] sentences)
    {
        model.Transformer.MatmulPrecision = LossGen.Models.Transformers.MatmulPrecision.BFloat16;
        try
        {
            model.Embed(sentences, batchSize: 64).Dispose();
        }
        finally
        {
            model.Transformer.MatmulPrecision = LossGen.Models.Transformers.MatmulPrecision.Float32;
        }
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}
