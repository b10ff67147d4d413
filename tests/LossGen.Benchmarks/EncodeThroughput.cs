using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using LossGen.Backbones;
using LossGen.Export;
using LossGen.OnnxRuntime;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Export;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;

namespace LossGen.Benchmarks;

/// <summary>
/// Encoding throughput of all-MiniLM-L6-v2 on the 2758 STS-B test sentences at batch 64: LossGen's TorchSharp model in
/// float32 and bfloat16, each also with batches in turn instead of side by side, and its ONNX export under
/// <see cref="OnnxSentenceEncoder"/>. Each encoder runs in a fresh process (an ONNX Runtime session's spinning threads
/// would otherwise slow the TorchSharp runs beside it), quiet and beside a busy core, runs alternated over the rounds;
/// each process reports the median of five encodes after two warm-up encodes (the first pass over new batch shapes also
/// compiles oneDNN's kernels for them, as a serving process has long done).
/// </summary>
public static class EncodeThroughput
{
    private static readonly string[] Encoders =
    [
        "LossGen TorchSharp (float32, the default)",
        "LossGen TorchSharp, MatmulPrecision.BFloat16",
        "LossGen TorchSharp float32, EmbedBatchesConcurrently = false",
        "LossGen TorchSharp bfloat16, EmbedBatchesConcurrently = false",
        "ONNX Runtime, float32 export",
        "ONNX Runtime, float16 weights",
    ];

    public static int RunAll(int rounds)
    {
        bool[] neighbours = [false, true];
        var rates = neighbours.Select(_ => Encoders.Select(_ => new double[rounds]).ToArray()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int n = 0; n < neighbours.Length; n++)
            {
                for (int e = 0; e < Encoders.Length; e++)
                {
                    string rate = BusyNeighbour.Beside(neighbours[n], () => FreshProcess.Run("encode-one", e.ToString(CultureInfo.InvariantCulture)));
                    rates[n][e][round] = double.Parse(rate, CultureInfo.InvariantCulture);
                }
            }
        }

        Console.WriteLine($"| encoder (2758 STS-B test sentences, batch 64, {Environment.ProcessorCount} cores) | neighbour | sentences/s (each round) | vs float32 TorchSharp |");
        Console.WriteLine("|---|---|---|---|");
        for (int n = 0; n < neighbours.Length; n++)
        {
            for (int e = 0; e < Encoders.Length; e++)
            {
                double[] r = rates[n][e];
                Console.WriteLine($"| {Encoders[e]} | {BusyNeighbour.Describe(neighbours[n])} | {string.Join(", ", r.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))} | {r.Sum() / rates[n][0].Sum():F2}× |");
            }
        }

        return 0;
    }

    public static int RunOne(int encoder)
    {
        string data = Path.Combine(LossGen.Tests.Shared.RepositoryRoot.Path, "..", "shared", "data", "stsb", "test.tsv");
        string[] sentences = File.ReadLines(data).Skip(1).SelectMany(l => l.Split('\t').Take(2)).ToArray();
        string folder = Directory.CreateTempSubdirectory("lossgen-encode").FullName;
        try
        {
            using SentenceTransformer model = AllMiniLmL6V2.Load();
            TorchSharp.torch.set_num_threads(2);
            OnnxSentenceEncoder? onnx = null;
            if (encoder >= 4)
            {
                string path = Path.Combine(folder, "model.onnx");
                OnnxExporter.Export(model, path, float16: encoder == 5);
                onnx = OnnxSentenceEncoder.Load(path);
            }

            if (encoder is 1 or 3)
            {
                model.Transformer.MatmulPrecision = MatmulPrecision.BFloat16;
            }

            model.EmbedBatchesConcurrently = encoder is not (2 or 3);

            Action encode = onnx is null ? () => model.Embed(sentences, batchSize: 64).Dispose() : () => onnx.Embed(sentences, batchSize: 64);
            double rate = MedianRate.Of(encode, sentences.Length);
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
