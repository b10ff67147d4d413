using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Backbones.Gemma3;
using LossGen.Backbones.ModernBert;
using LossGen.Backbones.Qwen3;
using LossGen.Backbones.Rotary;
using Onnx;
using static TorchSharp.torch;
using B = LossGen.Export.OnnxGraphBuilder;

namespace LossGen.Export;

/// <summary>
/// ModernBERT, Qwen3 and Gemma3 in ONNX operators (opset 17), as their TorchSharp modules compute them: RoPE from the
/// same inverse frequencies, each attention kind's additive mask (padding, causality, window; a query row that would
/// see nothing sees itself), grouped-query heads, RMSNorms and gated feed-forwards.
/// </summary>
internal static class RotaryGraphs
{
    private const TensorProto.Types.DataType Int64 = TensorProto.Types.DataType.Int64;
    private const TensorProto.Types.DataType Float = TensorProto.Types.DataType.Float;

    public static (string Tokens, string MaskFloat) ModernBert(GraphBlocks g, ModernBertConfig c)
    {
        var graph = new Context(g, c.HeadDim);
        string x = g.LayerNormOptionalBias(graph.Gather("embeddings.tok_embeddings.weight"), "embeddings.norm", c.NormEps);
        Kind global = graph.Kind(causal: false, window: null, c.GlobalRopeTheta);
        Kind local = graph.Kind(causal: false, c.LocalAttention / 2, c.LocalRopeTheta ?? c.GlobalRopeTheta);
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            string p = $"layers.{i}.";
            string normed = i == 0 ? x : g.LayerNormOptionalBias(x, p + "attn_norm", c.NormEps);
            string[] qkv = g.Builder.Nodes("Split", [g.Linear(normed, p + "attn.Wqkv"), g.Builder.Ints(c.HiddenSize, c.HiddenSize, c.HiddenSize)], 3, B.Int("axis", -1));
            x = graph.Add(x, g.Linear(graph.Attention(qkv[0], qkv[1], qkv[2], c.NumAttentionHeads, c.NumAttentionHeads, null, null, c.IsGlobal(i) ? global : local, null), p + "attn.Wo"));
            string[] parts = g.Builder.Nodes("Split", [g.Linear(g.LayerNormOptionalBias(x, p + "mlp_norm", c.NormEps), p + "mlp.Wi"), g.Builder.Ints(c.IntermediateSize, c.IntermediateSize)], 2, B.Int("axis", -1));
            x = graph.Add(x, g.Linear(g.Builder.Node("Mul", [g.Activation(parts[0], c.HiddenActivation), parts[1]]), p + "mlp.Wo"));
        }

        return (g.LayerNormOptionalBias(x, "final_norm", c.NormEps), graph.MaskFloat);
    }

    public static (string Tokens, string MaskFloat) Qwen3(GraphBlocks g, Qwen3Config c)
    {
        var graph = new Context(g, c.HeadDim);
        string x = graph.Gather("embed_tokens.weight");
        Kind causal = graph.Kind(causal: true, window: null, c.RopeTheta);
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            string p = $"layers.{i}.";
            x = graph.Add(x, graph.QkNormAttention(graph.RmsNorm(x, p + "input_layernorm", c.RmsNormEps, false), p + "self_attn.", c.NumAttentionHeads, c.NumKeyValueHeads, c.RmsNormEps, false, null, causal));
            x = graph.Add(x, graph.GatedMlp(graph.RmsNorm(x, p + "post_attention_layernorm", c.RmsNormEps, false), p + "mlp.", c.HiddenAct));
        }

        return (graph.RmsNorm(x, "norm", c.RmsNormEps, false), graph.MaskFloat);
    }

    public static (string Tokens, string MaskFloat) Gemma3(GraphBlocks g, Gemma3TextConfig c)
    {
        var graph = new Context(g, c.HeadDim);
        double eps = c.RmsNormEps;
        string x = g.Builder.Node("Mul", [graph.Gather("embed_tokens.weight"), g.Builder.Scalar((float)Math.Sqrt(c.HiddenSize))]);
        Kind full = graph.Kind(!c.UseBidirectionalAttention, null, c.RopeTheta);
        Kind sliding = graph.Kind(!c.UseBidirectionalAttention, c.WindowDistance, c.RopeLocalBaseFreq);
        double scale = 1 / Math.Sqrt(c.QueryPreAttnScalar);
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            string p = $"layers.{i}.";
            string attended = graph.QkNormAttention(graph.RmsNorm(x, p + "input_layernorm", eps, true), p + "self_attn.", c.NumAttentionHeads, c.NumKeyValueHeads, eps, true, scale, c.IsSliding(i) ? sliding : full);
            x = graph.Add(x, graph.RmsNorm(attended, p + "post_attention_layernorm", eps, true));
            string fed = graph.GatedMlp(graph.RmsNorm(x, p + "pre_feedforward_layernorm", eps, true), p + "mlp.", c.HiddenActivation);
            x = graph.Add(x, graph.RmsNorm(fed, p + "post_feedforward_layernorm", eps, true));
        }

        return (graph.RmsNorm(x, "norm", eps, true), graph.MaskFloat);
    }

    /// <summary>One attention kind: its additive mask (B×1×T×T) and RoPE tables (T×d).</summary>
    private sealed record Kind(string Bias, string Cos, string Sin);

    private sealed class Context
    {
        private readonly GraphBlocks _g;
        private readonly B _b;
        private readonly int _headDim;
        private readonly string _ids;
        private readonly string _mask;
        private readonly string _positions;

        public Context(GraphBlocks g, int headDim)
        {
            (_g, _b, _headDim) = (g, g.Builder, headDim);
            _ids = _b.Input("input_ids", Int64, "batch", "sequence");
            _mask = _b.Input("attention_mask", Int64, "batch", "sequence");
            MaskFloat = _b.Node("Cast", [_mask], B.Int("to", (long)Float));
            string length = _b.Node("Squeeze", [g.SequenceLength(_ids), _b.Ints(0)]);
            _positions = _b.Node("Range", [_b.IntScalar(0), length, _b.IntScalar(1)]);
        }

        public string MaskFloat { get; }

        public string Gather(string weight) => _b.Node("Gather", [_g.Weight(weight), _ids], B.Int("axis", 0));

        public string Add(string a, string b) => _b.Node("Add", [a, b]);

        public Kind Kind(bool causal, long? window, double theta)
        {
            // keep[b, i, j] = real key j, j ≤ i if causal, |i − j| ≤ window; an empty row keeps its diagonal.
            string distance = _b.Node("Sub", [_b.Node("Unsqueeze", [_positions, _b.Ints(1)]), _b.Node("Unsqueeze", [_positions, _b.Ints(0)])]);
            string keep = _b.Node("Cast", [_b.Node("Unsqueeze", [_mask, _b.Ints(1, 2)])], B.Int("to", (long)TensorProto.Types.DataType.Bool));
            if (causal)
            {
                keep = _b.Node("And", [keep, _b.Node("GreaterOrEqual", [distance, _b.IntScalar(0)])]);
            }

            if (window is long w)
            {
                keep = _b.Node("And", [keep, _b.Node("LessOrEqual", [_b.Node("Abs", [distance]), _b.IntScalar(w)])]);
            }

            string keepFloat = _b.Node("Cast", [keep], B.Int("to", (long)Float));
            string empty = _b.Node("Equal", [_b.Node("ReduceMax", [keepFloat], B.IntList("axes", -1), B.Int("keepdims", 1)), _b.Scalar(0f)]);
            keep = _b.Node("Or", [keep, _b.Node("And", [empty, _b.Node("Equal", [distance, _b.IntScalar(0)])])]);
            string bias = _b.Node("Where", [keep, _b.Scalar(0f), _b.Scalar(float.MinValue)]);

            float[] inverse;
            using (Tensor frequencies = RotaryEmbedding.InverseFrequencies(_headDim, theta))
            {
                inverse = frequencies.data<float>().ToArray();
            }

            string angles = _b.Node("MatMul", [_b.Node("Unsqueeze", [_b.Node("Cast", [_positions], B.Int("to", (long)Float)), _b.Ints(1)]), _b.FloatConstant(_b.Fresh("inv_freq"), inverse, 1, inverse.Length)]);
            string doubled = _b.Node("Concat", [angles, angles], B.Int("axis", -1));
            return new Kind(bias, _b.Node("Cos", [doubled]), _b.Node("Sin", [doubled]));
        }

        // x·rsqrt(mean(x²) + eps), times w (Qwen3) or (1 + w) (Gemma).
        public string RmsNorm(string x, string prefix, double eps, bool offset)
        {
            string meanSquare = _b.Node("ReduceMean", [_b.Node("Mul", [x, x])], B.IntList("axes", -1), B.Int("keepdims", 1));
            string normed = _b.Node("Mul", [x, _b.Node("Reciprocal", [_b.Node("Sqrt", [_b.Node("Add", [meanSquare, _b.Scalar((float)eps)])])])]);
            string weight = _g.Weight(prefix + ".weight");
            return _b.Node("Mul", [normed, offset ? _b.Node("Add", [weight, _b.Scalar(1f)]) : weight]);
        }

        public string QkNormAttention(string x, string prefix, int heads, int kvHeads, double eps, bool offset, double? scale, Kind kind) =>
            _g.Linear(
                Attention(_g.Linear(x, prefix + "q_proj"), _g.Linear(x, prefix + "k_proj"), _g.Linear(x, prefix + "v_proj"), heads, kvHeads, prefix + "q_norm", prefix + "k_norm", kind, scale, eps, offset),
                prefix + "o_proj");

        public string GatedMlp(string x, string prefix, string activation) =>
            _g.Linear(_b.Node("Mul", [_g.Activation(_g.Linear(x, prefix + "gate_proj"), activation), _g.Linear(x, prefix + "up_proj")]), prefix + "down_proj");

        public string Attention(string q, string k, string v, int heads, int kvHeads, string? queryNorm, string? keyNorm, Kind kind, double? scale, double eps = 0, bool offset = false)
        {
            string Heads(string projected, int count, string? norm)
            {
                string split = _b.Node("Reshape", [projected, _b.Ints(0, 0, count, _headDim)]);
                return _b.Node("Transpose", [norm is null ? split : RmsNorm(split, norm, eps, offset)], B.IntList("perm", 0, 2, 1, 3));
            }

            string queries = Rotate(Heads(q, heads, queryNorm), kind);
            string keys = Repeat(Rotate(Heads(k, kvHeads, keyNorm), kind), heads, kvHeads);
            string values = Repeat(Heads(v, kvHeads, null), heads, kvHeads);
            string scores = _b.Node("Mul", [_b.Node("MatMul", [queries, _b.Node("Transpose", [keys], B.IntList("perm", 0, 1, 3, 2))]), _b.Scalar((float)(scale ?? 1 / Math.Sqrt(_headDim)))]);
            string probabilities = _b.Node("Softmax", [_b.Node("Add", [scores, kind.Bias])], B.Int("axis", -1));
            string context = _b.Node("Transpose", [_b.Node("MatMul", [probabilities, values])], B.IntList("perm", 0, 2, 1, 3));
            return _b.Node("Reshape", [context, _b.Ints(0, 0, heads * _headDim)]);
        }

        // x·cos + rotate_half(x)·sin, rotate_half(x) = [−x₂, x₁].
        private string Rotate(string x, Kind kind)
        {
            string[] halves = _b.Nodes("Split", [x, _b.Ints(_headDim / 2, _headDim / 2)], 2, B.Int("axis", -1));
            string rotated = _b.Node("Concat", [_b.Node("Neg", [halves[1]]), halves[0]], B.Int("axis", -1));
            return Add(_b.Node("Mul", [x, kind.Cos]), _b.Node("Mul", [rotated, kind.Sin]));
        }

        // Each key/value head serves heads / kvHeads query heads in turn (repeat_interleave on the head axis).
        private string Repeat(string x, int heads, int kvHeads)
        {
            if (heads == kvHeads)
            {
                return x;
            }

            string unsqueezed = _b.Node("Unsqueeze", [x, _b.Ints(2)]);
            string repeated = _b.Node("Concat", Enumerable.Repeat(unsqueezed, heads / kvHeads).ToArray(), B.Int("axis", 2));
            return _b.Node("Reshape", [repeated, _b.Ints(0, heads, -1, _headDim)]);
        }
    }
}
