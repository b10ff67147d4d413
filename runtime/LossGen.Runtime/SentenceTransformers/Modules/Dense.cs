using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Modules;

/// <summary>
/// sentence-transformers' <c>Dense</c> module: <c>activation(linear(embedding))</c> on the sentence embedding, with the
/// parameters <c>linear.weight</c> [out, in] and <c>linear.bias</c>.
/// </summary>
public sealed class Dense : nn.Module<Tensor, Tensor>
{
    private static readonly Dictionary<string, Func<Tensor, Tensor>> Activations = new(StringComparer.Ordinal)
    {
        ["torch.nn.modules.activation.Tanh"] = x => x.tanh(),
        ["torch.nn.modules.linear.Identity"] = x => x.alias(),
        ["torch.nn.modules.activation.ReLU"] = x => nn.functional.relu(x),
        ["torch.nn.modules.activation.Sigmoid"] = x => x.sigmoid(),
        ["torch.nn.modules.activation.GELU"] = x => nn.functional.gelu(x),
        ["torch.nn.modules.activation.SiLU"] = x => nn.functional.silu(x),
    };

#pragma warning disable IDE1006 // sentence-transformers' parameter name.
    private readonly Linear linear;
#pragma warning restore IDE1006
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Creates the module.</summary>
    /// <exception cref="ArgumentException"><paramref name="activationFunction"/> is not one of <see cref="ActivationFunctions"/>.</exception>
    public Dense(int inFeatures, int outFeatures, bool bias = true, string activationFunction = "torch.nn.modules.activation.Tanh")
        : base(nameof(Dense))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        ArgumentNullException.ThrowIfNull(activationFunction);
        _activation = Activations.TryGetValue(activationFunction, out Func<Tensor, Tensor>? activation)
            ? activation
            : throw new ArgumentException($"activation_function '{activationFunction}' is not one LossGen computes; supported: {string.Join(", ", Activations.Keys)}.");
        linear = nn.Linear(inFeatures, outFeatures, hasBias: bias);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        HasBias = bias;
        ActivationFunction = activationFunction;
        RegisterComponents();
    }

    /// <summary>The activation classes, by sentence-transformers' fully qualified names.</summary>
    public static IReadOnlyCollection<string> ActivationFunctions => Activations.Keys;

    /// <summary>The input width (<c>in_features</c>).</summary>
    public int InFeatures { get; }

    /// <summary>The output width (<c>out_features</c>).</summary>
    public int OutFeatures { get; }

    /// <summary>Whether the projection has a bias (<c>bias</c>).</summary>
    public bool HasBias { get; }

    /// <summary>The activation (<c>activation_function</c>).</summary>
    public string ActivationFunction { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor embedding)
    {
        using var scope = NewDisposeScope();
        return _activation(linear.call(embedding)).MoveToOuterDisposeScope();
    }

    /// <summary>A copy with the same configuration and weights.</summary>
    public Dense Copy()
    {
        var copy = new Dense(InFeatures, OutFeatures, HasBias, ActivationFunction);
        using (no_grad())
        {
            foreach (((_, Parameter target), (_, Parameter source)) in System.Linq.Enumerable.Zip(copy.named_parameters(), named_parameters()))
            {
                target.copy_(source);
            }
        }

        return copy;
    }
}
