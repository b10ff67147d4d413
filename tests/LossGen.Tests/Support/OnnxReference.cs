using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>;

namespace LossGen.Tests.Support;

/// <summary>
/// Runs a BERT ONNX graph through ONNX Runtime (optimisations off) on given token ids, one sentence at a time, and pools
/// its last hidden state as sentence-transformers would: the reference the TorchSharp encoder is checked against.
/// </summary>
public static class OnnxReference
{
    public static float[][] Embed(byte[] model, IReadOnlyList<int[]> encoded, bool clsPooling)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(model, options);
        var result = new float[encoded.Count][];
        for (int row = 0; row < encoded.Count; row++)
        {
            long[] ids = encoded[row].Select(i => (long)i).ToArray();
            int[] shape = [1, ids.Length];
            var inputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor(ids, shape)),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor(Enumerable.Repeat(1L, ids.Length).ToArray(), shape)),
                NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor(new long[ids.Length], shape)),
            };
            using var outputs = session.Run(inputs);
            float[] hidden = outputs.First(o => o.Name == "last_hidden_state").AsTensor<float>().ToArray();
            int width = hidden.Length / ids.Length;
            double[] pooled = new double[width];
            for (int t = 0; t < (clsPooling ? 1 : ids.Length); t++)
            {
                for (int k = 0; k < width; k++)
                {
                    pooled[k] += hidden[(t * width) + k] / (clsPooling ? 1 : ids.Length);
                }
            }

            double norm = Math.Max(Math.Sqrt(pooled.Sum(v => v * v)), 1e-12);
            result[row] = pooled.Select(v => (float)(v / norm)).ToArray();
        }

        return result;
    }
}
