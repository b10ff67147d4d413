using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Backbones;

/// <summary>
/// The feed-forward activations of transformers' <c>ACT2FN</c>, by the name <c>config.json</c>'s <c>hidden_act</c> (or
/// DistilBERT's <c>activation</c>) gives. Each is the formula transformers uses, not an approximation of it: gelu_new and
/// gelu exact differ by 1e-4 in the embeddings, which is why an unknown name is refused rather than mapped to the nearest.
/// </summary>
public static class Activation
{
    private static readonly Dictionary<string, Func<Tensor, Tensor>> Functions = new(StringComparer.Ordinal)
    {
        ["gelu"] = x => F.gelu(x),
        ["gelu_new"] = TanhGelu,
        ["gelu_pytorch_tanh"] = TanhGelu,
        ["gelu_fast"] = x => x.mul(0.5).mul(x.mul(0.7978845608).mul(x.mul(x).mul(0.044715).add(1.0)).tanh().add(1.0)),
        ["quick_gelu"] = x => x.mul(x.mul(1.702).sigmoid()),
        ["relu"] = x => F.relu(x),
        ["silu"] = x => F.silu(x),
        ["swish"] = x => F.silu(x),
        ["tanh"] = x => x.tanh(),
        ["sigmoid"] = x => x.sigmoid(),
        ["linear"] = x => x.alias(),
    };

    // One libtorch kernel each, which computes a bfloat16 input in float32 and rounds once.
    private static readonly HashSet<string> SingleKernel = new(StringComparer.Ordinal) { "gelu", "relu", "silu", "swish", "tanh", "sigmoid", "linear" };

    /// <summary>The names LossGen computes.</summary>
    public static IReadOnlyCollection<string> Names => Functions.Keys;

    /// <summary>Whether <paramref name="name"/> is a known activation.</summary>
    public static bool IsKnown(string? name) => name is not null && Functions.ContainsKey(name);

    /// <summary>The activation called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static Func<Tensor, Tensor> Get(string name) => Functions.TryGetValue(name, out Func<Tensor, Tensor>? function)
        ? function
        : throw new ArgumentException(Unknown("hidden_act", name));

    /// <summary>
    /// The activation called <paramref name="name"/> for a feed-forward expansion: under bfloat16 inference it takes the
    /// expansion's bfloat16 product as it is when one kernel computes it (its result feeds the next bfloat16 product),
    /// else it runs in float32 on a float32 copy.
    /// </summary>
    internal static Func<Tensor, Tensor> ForExpansion(string name)
    {
        Func<Tensor, Tensor> function = Get(name);
        return SingleKernel.Contains(name) ? function : x => x.dtype == ScalarType.BFloat16 ? Float32(function, x) : function(x);
    }

    private static Tensor Float32(Func<Tensor, Tensor> function, Tensor x)
    {
        using var scope = NewDisposeScope();
        return function(x.to(ScalarType.Float32)).MoveToOuterDisposeScope();
    }

    /// <summary>The refusal message for an unknown activation in <paramref name="field"/>.</summary>
    internal static string Unknown(string field, string? name) =>
        $"{field} '{name}' is not an activation LossGen computes; supported: {string.Join(", ", Functions.Keys.Order(StringComparer.Ordinal))}.";

    // transformers' NewGELUActivation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    private static Tensor TanhGelu(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor inner = x.add(x.pow(3.0).mul(0.044715)).mul(Math.Sqrt(2.0 / Math.PI));
        return x.mul(0.5).mul(inner.tanh().add(1.0)).MoveToOuterDisposeScope();
    }
}
