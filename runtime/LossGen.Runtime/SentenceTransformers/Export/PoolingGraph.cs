using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using LossGen.Export;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using Onnx;
using static TorchSharp.torch;
using B = LossGen.Export.OnnxGraphBuilder;

namespace LossGen.SentenceTransformers.Export;

/// <summary>sentence-transformers' Pooling, Dense and Normalize modules in ONNX operators, as <see cref="Pooling"/> computes them.</summary>
internal static class PoolingGraph
{
    /// <summary>The sentence embedding (B×D) of <paramref name="tokens"/> under <paramref name="model"/>'s pooling and post-pooling modules.</summary>
    public static string Write(GraphBlocks g, SentenceTransformer model, string tokens, string maskFloat, string inputIds)
    {
        B b = g.Builder;
        string mask = b.Node("Unsqueeze", [maskFloat, b.Ints(-1)]);
        string Sum(string x, bool keep = false) => b.Node("ReduceSum", [x, b.Ints(1)], B.Int("keepdims", keep ? 1 : 0));
        string Clamp(string x, float floor) => b.Node("Max", [x, b.Scalar(floor)]);
        var parts = new List<string>();
        foreach (PoolingMode mode in Pooling.ConcatenationOrder.Where(model.Options.PoolingModes.Contains))
        {
            parts.Add(mode switch
            {
                PoolingMode.Cls => b.Node("Gather", [tokens, b.IntScalar(0)], B.Int("axis", 1)),
                PoolingMode.Max => b.Node("ReduceMax", [b.Node("Where", [b.Node("Equal", [mask, b.Scalar(0f)]), b.Scalar(-1e9f), tokens])], B.IntList("axes", 1), B.Int("keepdims", 0)),
                PoolingMode.Mean => b.Node("Div", [Sum(b.Node("Mul", [tokens, mask])), Clamp(Sum(mask), 1e-9f)]),
                PoolingMode.MeanSqrtLen => b.Node("Div", [Sum(b.Node("Mul", [tokens, mask])), b.Node("Sqrt", [Clamp(Sum(mask), 1e-9f)])]),
                PoolingMode.WeightedMean => WeightedMean(g, tokens, mask, inputIds, model.Transformer.MaxSequenceLength),
                PoolingMode.LastToken => LastToken(g, tokens, maskFloat, inputIds, model.Transformer.MaxSequenceLength),
                _ => throw new NotSupportedException($"The ONNX exporter has no graph for pooling mode {mode}."),
            });
        }

        string embedding = parts.Count == 1 ? parts[0] : b.Node("Concat", [.. parts], B.Int("axis", 1));
        int index = 0;
        foreach (nn.Module<Tensor, Tensor> module in model.PostPoolingModules)
        {
            embedding = module switch
            {
                Dense dense => DenseGraph(g, dense, embedding, index),
                Normalize => b.Node("Div", [embedding, Clamp(b.Node("Sqrt", [b.Node("ReduceSum", [b.Node("Mul", [embedding, embedding]), b.Ints(1)], B.Int("keepdims", 1))]), 1e-12f)]),
                _ => throw new NotSupportedException($"The ONNX exporter cannot express the module {module.GetType().Name}."),
            };
            index++;
        }

        return embedding;
    }

    private static string WeightedMean(GraphBlocks g, string tokens, string mask, string inputIds, int maxLength)
    {
        B b = g.Builder;
        string positions = b.Node("Cast", [g.AbsolutePositions(inputIds, maxLength)], B.Int("to", (long)TensorProto.Types.DataType.Float));
        string weights = b.Node("Unsqueeze", [b.Node("Add", [positions, b.Scalar(1f)]), b.Ints(0, 2)]);
        string weighted = b.Node("Mul", [mask, weights]);
        string sum = b.Node("ReduceSum", [b.Node("Mul", [tokens, weighted]), b.Ints(1)], B.Int("keepdims", 0));
        string total = b.Node("ReduceSum", [weighted, b.Ints(1)], B.Int("keepdims", 0));
        return b.Node("Div", [sum, b.Node("Max", [total, b.Scalar(1e-9f)])]);
    }

    // The last real token of a right-padded sequence: position count − 1, selected with a one-hot mask.
    private static string LastToken(GraphBlocks g, string tokens, string maskFloat, string inputIds, int maxLength)
    {
        B b = g.Builder;
        // The last position whose mask is 1, wherever the padding is (left for Qwen3); an all-padding row takes T − 1.
        string positions = b.Node("Unsqueeze", [b.Node("Cast", [g.AbsolutePositions(inputIds, maxLength)], B.Int("to", (long)TensorProto.Types.DataType.Float)), b.Ints(0)]);
        string lastReal = b.Node("ReduceMax", [b.Node("Mul", [positions, maskFloat])], B.IntList("axes", 1), B.Int("keepdims", 1));
        string lastPosition = b.Node("ReduceMax", [positions], B.IntList("axes", 1), B.Int("keepdims", 1));
        string empty = b.Node("Equal", [b.Node("ReduceSum", [maskFloat, b.Ints(1)], B.Int("keepdims", 1)), b.Scalar(0f)]);
        string last = b.Node("Where", [empty, lastPosition, lastReal]);
        string pick = b.Node("Unsqueeze", [b.Node("Cast", [b.Node("Equal", [positions, last])], B.Int("to", (long)TensorProto.Types.DataType.Float)), b.Ints(-1)]);
        return b.Node("ReduceSum", [b.Node("Mul", [tokens, pick]), b.Ints(1)], B.Int("keepdims", 0));
    }

    private static string DenseGraph(GraphBlocks g, Dense dense, string x, int index)
    {
        B b = g.Builder;
        var weights = dense.named_parameters().Select(p => ($"dense{index}.{p.name}", (Tensor)p.parameter));
        var blocks = new GraphBlocks(b, weights, "Dense");
        string projected = blocks.Linear(x, $"dense{index}.linear");
        return dense.ActivationFunction switch
        {
            "torch.nn.modules.activation.Tanh" => b.Node("Tanh", [projected]),
            "torch.nn.modules.linear.Identity" => projected,
            "torch.nn.modules.activation.ReLU" => b.Node("Relu", [projected]),
            "torch.nn.modules.activation.Sigmoid" => b.Node("Sigmoid", [projected]),
            "torch.nn.modules.activation.GELU" => blocks.Activation(projected, "gelu"),
            "torch.nn.modules.activation.SiLU" => blocks.Activation(projected, "silu"),
            _ => throw new NotSupportedException($"The ONNX exporter has no form of Dense activation '{dense.ActivationFunction}'."),
        };
    }
}
