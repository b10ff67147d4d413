using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using LossGen.Backbones;
using LossGen.CrossEncoders;
using LossGen.CrossEncoders.Export;
using LossGen.OnnxRuntime;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Pretrained;

namespace LossGen.Benchmarks;

/// <summary>
/// Reranking throughput of a MiniLM-L6 cross-encoder (all-MiniLM-L6-v2's backbone with a one-label head) on the 1379
/// STS-B test pairs at batch 32: LossGen's TorchSharp <see cref="CrossEncoder"/> in float32 and bfloat16, and its ONNX
/// export under <see cref="OnnxReranker"/>. Each in a fresh process, runs alternated over the rounds; each process
/// reports the median of five passes after two warm-up passes.
/// </summary>
public static class RerankThroughput
{
    private static readonly string[] Rerankers =
    [
        "LossGen CrossEncoder (float32, the default)",
        "LossGen CrossEncoder, MatmulPrecision.BFloat16",
        "ONNX Runtime, float32 export (OnnxReranker)",
    ];

    public static int RunAll(int rounds)
    {
        var rates = Rerankers.Select(_ => new double[rounds]).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int r = 0; r < Rerankers.Length; r++)
            {
                rates[r][round] = double.Parse(FreshProcess.Run("rerank-one", r.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
            }
        }

        Console.WriteLine($"| reranker (1379 STS-B test pairs, batch 32, {Environment.ProcessorCount} cores) | pairs/s (each round) | vs float32 TorchSharp |");
        Console.WriteLine("|---|---|---|");
        for (int r = 0; r < Rerankers.Length; r++)
        {
            Console.WriteLine($"| {Rerankers[r]} | {string.Join(", ", rates[r].Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))} | {rates[r].Sum() / rates[0].Sum():F2}× |");
        }

        return 0;
    }

    public static int RunOne(int reranker)
    {
        string data = Path.Combine(LossGen.Tests.Shared.RepositoryRoot.Path, "..", "shared", "data", "stsb", "test.tsv");
        (string, string)[] pairs = File.ReadLines(data).Skip(1).Select(l => l.Split('\t')).Select(c => (c[0], c[1])).ToArray();
        string folder = Directory.CreateTempSubdirectory("lossgen-rerank").FullName;
        try
        {
            using SentenceTransformer biEncoder = AllMiniLmL6V2.Load();
            using CrossEncoder model = CrossEncoder.FromSentenceTransformer(biEncoder);
            TorchSharp.torch.set_num_threads(2);
            OnnxReranker? onnx = null;
            if (reranker == 2)
            {
                string path = Path.Combine(folder, "reranker.onnx");
                CrossEncoderOnnxExporter.Export(model, path);
                onnx = OnnxReranker.Load(path);
            }

            if (reranker == 1)
            {
                model.Backbone.MatmulPrecision = MatmulPrecision.BFloat16;
            }

            Action score = onnx is null ? () => model.Predict(pairs, batchSize: 32) : () => onnx.Predict(pairs, batchSize: 32);
            double rate = MedianRate.Of(score, pairs.Length);
            onnx?.Dispose();
            Console.WriteLine(rate.ToString("F1", CultureInfo.InvariantCulture));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
