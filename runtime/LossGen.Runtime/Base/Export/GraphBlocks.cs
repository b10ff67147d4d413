using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using TorchSharp;
using static TorchSharp.torch;
using B = LossGen.Export.OnnxGraphBuilder;

namespace LossGen.Export;

/// <summary>
/// The transformer building blocks in ONNX operators (opset 17): linear layers from Hugging Face-named weights, LayerNorm,
/// multi-head attention with an additive bias, and transformers' activations in the same formulas the TorchSharp modules use.
/// </summary>
internal sealed class GraphBlocks
{
    private readonly Dictionary<string, Tensor> _weights;
    private readonly string _model;

    public GraphBlocks(B builder, IEnumerable<(string Name, Tensor Value)> weights, string model)
    {
        Builder = builder;
        _weights = weights.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        _model = model;
    }

    public B Builder { get; }

    /// <summary>The weight called <paramref name="name"/> as an initializer, transposed when <paramref name="transpose"/>.</summary>
    public string Weight(string name, bool transpose = false)
    {
        Tensor value = _weights.TryGetValue(name, out Tensor? found)
            ? found
            : throw new ModelFormatException(_model, $"the exporter found no parameter {name}.");
        using Tensor oriented = (transpose ? value.t() : value.alias()).detach().cpu().contiguous().to(ScalarType.Float32);
        return Builder.Weight(name, oriented.data<float>().ToArray(), oriented.shape);
    }

    /// <summary>The float rows of a weight (to compute constants from, such as a fixed token-type row).</summary>
    public float[] Values(string name)
    {
        using Tensor value = _weights[name].detach().cpu().contiguous().to(ScalarType.Float32);
        return value.data<float>().ToArray();
    }

    /// <summary><c>x · Wᵀ + b</c> for nn.Linear weights <c>{prefix}.weight</c> [out, in] and <c>{prefix}.bias</c>.</summary>
    public string Linear(string x, string prefix)
    {
        string product = Builder.Node("MatMul", [x, Weight(prefix + ".weight", transpose: true)]);
        return _weights.ContainsKey(prefix + ".bias") ? Builder.Node("Add", [product, Weight(prefix + ".bias")]) : product;
    }

    /// <summary>LayerNorm over the last axis with <c>{prefix}.weight</c> and <c>{prefix}.bias</c>.</summary>
    public string LayerNorm(string x, string prefix, double epsilon) =>
        Builder.Node("LayerNormalization", [x, Weight(prefix + ".weight"), Weight(prefix + ".bias")], B.Int("axis", -1), B.Float("epsilon", (float)epsilon));

    /// <summary>LayerNorm with <c>{prefix}.weight</c> and, when the model has one, <c>{prefix}.bias</c> (ModernBERT has none).</summary>
    public string LayerNormOptionalBias(string x, string prefix, double epsilon) =>
        _weights.ContainsKey(prefix + ".bias")
            ? LayerNorm(x, prefix, epsilon)
            : Builder.Node("LayerNormalization", [x, Weight(prefix + ".weight")], B.Int("axis", -1), B.Float("epsilon", (float)epsilon));

    /// <summary>
    /// softmax(q·kᵀ/√d + <paramref name="bias"/>)·v over <paramref name="heads"/> heads, merged back to B×T×H; the
    /// projections are <c>{q}</c>, <c>{k}</c>, <c>{v}</c> (nn.Linear prefixes).
    /// </summary>
    public string Attention(string x, string q, string k, string v, int heads, int hidden, string bias)
    {
        long headSize = hidden / heads;
        string split = Builder.Ints(0, 0, heads, headSize);
        string Heads(string prefix, long[] perm) => Builder.Node("Transpose", [Builder.Node("Reshape", [Linear(x, prefix), split])], B.IntList("perm", perm));
        string queries = Heads(q, [0, 2, 1, 3]);
        string keys = Heads(k, [0, 2, 3, 1]);
        string values = Heads(v, [0, 2, 1, 3]);
        string scores = Builder.Node("Mul", [Builder.Node("MatMul", [queries, keys]), Builder.Scalar((float)(1.0 / Math.Sqrt(headSize)))]);
        string probabilities = Builder.Node("Softmax", [Builder.Node("Add", [scores, bias])], B.Int("axis", -1));
        string context = Builder.Node("Transpose", [Builder.Node("MatMul", [probabilities, values])], B.IntList("perm", 0, 2, 1, 3));
        return Builder.Node("Reshape", [context, Builder.Ints(0, 0, hidden)]);
    }

    /// <summary>The padding bias of a 0/1 mask (B×T): (1 − mask)·finfo(float32).min, as B×1×1×T, as transformers adds it.</summary>
    public string PaddingBias(string maskFloat)
    {
        string inverted = Builder.Node("Sub", [Builder.Scalar(1f), maskFloat]);
        return Builder.Node("Unsqueeze", [Builder.Node("Mul", [inverted, Builder.Scalar(float.MinValue)]), Builder.Ints(1, 2)]);
    }

    /// <summary>The activation named as transformers' ACT2FN names it.</summary>
    public string Activation(string x, string name)
    {
        string Mul(string a, string b) => Builder.Node("Mul", [a, b]);
        string Add(string a, string b) => Builder.Node("Add", [a, b]);
        string Half(string inner) => Mul(Mul(x, Builder.Scalar(0.5f)), Add(inner, Builder.Scalar(1f)));
        return name switch
        {
            "gelu" => Half(Builder.Node("Erf", [Mul(x, Builder.Scalar((float)(1 / Math.Sqrt(2))))])),
            "gelu_new" or "gelu_pytorch_tanh" => Half(Builder.Node("Tanh", [Mul(Add(x, Mul(Builder.Node("Pow", [x, Builder.Scalar(3f)]), Builder.Scalar(0.044715f))), Builder.Scalar((float)Math.Sqrt(2.0 / Math.PI)))])),
            "gelu_fast" => Half(Builder.Node("Tanh", [Mul(Mul(x, Builder.Scalar(0.7978845608f)), Add(Mul(Mul(x, x), Builder.Scalar(0.044715f)), Builder.Scalar(1f)))])),
            "quick_gelu" => Mul(x, Builder.Node("Sigmoid", [Mul(x, Builder.Scalar(1.702f))])),
            "relu" => Builder.Node("Relu", [x]),
            "silu" or "swish" => Mul(x, Builder.Node("Sigmoid", [x])),
            "tanh" => Builder.Node("Tanh", [x]),
            "sigmoid" => Builder.Node("Sigmoid", [x]),
            "linear" => Builder.Node("Identity", [x]),
            _ => throw new NotSupportedException($"{_model}: the exporter has no ONNX form of activation '{name}'."),
        };
    }

    /// <summary>The sequence length of <paramref name="inputIds"/> as a 1-element int64 tensor.</summary>
    public string SequenceLength(string inputIds) =>
        Builder.Node("Slice", [Builder.Node("Shape", [inputIds]), Builder.Ints(1), Builder.Ints(2), Builder.Ints(0)]);

    /// <summary>Positions 0, 1, … T−1 (BERT, DistilBERT), from a stored arange sliced to the sequence length.</summary>
    public string AbsolutePositions(string inputIds, int maxPositions) =>
        Builder.Node("Slice", [Builder.IntConstant("position_ids", Enumerable.Range(0, maxPositions).Select(i => (long)i).ToArray(), maxPositions), Builder.Ints(0), SequenceLength(inputIds), Builder.Ints(0)]);

    /// <summary>RoBERTa/MPNet positions: the running count of non-padding tokens plus the padding id, padding keeping the id.</summary>
    public string PaddingPositions(string inputIds, long paddingIdx)
    {
        string pad = Builder.Ints(paddingIdx);
        string real = Builder.Node("Cast", [Builder.Node("Not", [Builder.Node("Equal", [inputIds, pad])])], B.Int("to", (long)Onnx.TensorProto.Types.DataType.Int64));
        string counts = Builder.Node("CumSum", [real, Builder.IntScalar(1)]);
        return Builder.Node("Add", [Builder.Node("Mul", [counts, real]), pad]);
    }
}
