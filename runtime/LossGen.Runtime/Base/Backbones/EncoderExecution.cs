using System;
using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones;

/// <summary>
/// How the forward running on this thread executes: the product precision, the dropout sampler, the packed token
/// layout (or none: padded), and the converted-weight cache of an encode. Immutable; entered once per forward (and once
/// per encode for the cache) and read where it matters, because the layers are called through TorchSharp's fixed module
/// signatures, which have no room for it. It is the only thread-local state of LossGen's speed paths.
/// </summary>
internal sealed record EncoderExecution(MatmulPrecision Precision, DropoutSampler Sampler, TokenLayout? Layout, EncoderExecution.WeightCache? Weights)
{
    [ThreadStatic]
    private static EncoderExecution? _current;

    /// <summary>What runs when nothing was entered: float32, libtorch's dropout, padded, no cache.</summary>
    public static EncoderExecution Default { get; } = new(MatmulPrecision.Float32, DropoutSampler.Libtorch, null, null);

    /// <summary>The execution of the forward on this thread.</summary>
    public static EncoderExecution Current => _current ?? Default;

    /// <summary>Makes this the execution on this thread until the result is disposed, then restores the outer one.</summary>
    public IDisposable Enter()
    {
        EncoderExecution? outer = _current;
        _current = this;
        return new ScopeExit(() => _current = outer);
    }

    /// <summary>
    /// The layers' weights as the products take them (bfloat16, Q·K·V stacked), made once while the parameters cannot
    /// change (one encode's batches) instead of once per batch; it owns them.
    /// </summary>
    internal sealed class WeightCache : IDisposable
    {
        private readonly Dictionary<(Linear Layer, ScalarType Type), (Tensor Weight, Tensor? Bias)> _weights = [];

        /// <summary>The weights made by <paramref name="make"/> for <paramref name="layer"/> in <paramref name="type"/>, made once.</summary>
        public (Tensor Weight, Tensor? Bias) GetOrAdd(Linear layer, ScalarType type, Func<(Tensor Weight, Tensor? Bias)> make)
        {
            if (!_weights.TryGetValue((layer, type), out var weights))
            {
                weights = make();
                weights.Weight.DetachFromDisposeScope();
                weights.Bias?.DetachFromDisposeScope();
                _weights[(layer, type)] = weights;
            }

            return weights;
        }

        public void Dispose()
        {
            foreach ((Tensor weight, Tensor? bias) in _weights.Values)
            {
                weight.Dispose();
                bias?.Dispose();
            }

            _weights.Clear();
        }
    }
}
