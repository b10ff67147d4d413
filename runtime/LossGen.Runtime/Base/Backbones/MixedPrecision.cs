using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.Backbones.Lora;
using TorchSharp.Modules;
using LossGen.Cpu;
using static TorchSharp.torch;

namespace LossGen.Backbones;

/// <summary>
/// The encoder's linear layers under its <see cref="MatmulPrecision"/>. The precision is the forward's, on the thread
/// that runs it, because the layers are called through TorchSharp's fixed module signatures.
/// </summary>
internal static class MixedPrecision
{
    /// <summary>Whether the forward on this thread multiplies in bfloat16.</summary>
    public static bool InBFloat16 => EncoderExecution.Current.Precision == MatmulPrecision.BFloat16;

    /// <summary>
    /// Keeps the converted and stacked weights on this thread until the result is disposed: for inference, where the
    /// parameters do not change between the batches.
    /// </summary>
    public static IDisposable ReuseWeights()
    {
        var cache = new EncoderExecution.WeightCache();
        IDisposable entered = (EncoderExecution.Current with { Weights = cache }).Enter();
        return new ScopeExit(() =>
        {
            entered.Dispose();
            cache.Dispose();
        });
    }

    /// <summary>Refuses bfloat16 on a CPU without bfloat16 arithmetic, where libtorch would emulate it slowly.</summary>
    public static void Check(MatmulPrecision precision, Device device)
    {
        if (precision == MatmulPrecision.BFloat16 && device.type == TorchSharp.DeviceType.CPU && !Cpu.CpuFeatures.HasBFloat16)
        {
            throw new NotSupportedException("MatmulPrecision.BFloat16: this CPU has neither AVX512-BF16 nor AMX-BF16 (CPUID), so bfloat16 products would be slower than float32; keep Float32.");
        }
    }

    /// <summary>
    /// <paramref name="linear"/> applied to <paramref name="input"/> in the current precision; under bfloat16 the
    /// product's output is handed on in float32, so that every other operation (activations, attention, residuals,
    /// LayerNorm) runs in float32 as before.
    /// </summary>
    public static Tensor Project(this Linear linear, Tensor input) => Project(linear, input, keepBFloat16: false);

    /// <summary>
    /// As <see cref="Project(Linear, Tensor)"/> for a feed-forward expansion, whose activation feeds the next product:
    /// under bfloat16 inference the product stays bfloat16 (see <see cref="Activation.ForExpansion"/>).
    /// </summary>
    public static Tensor ProjectExpansion(this Linear linear, Tensor input) => Project(linear, input, keepBFloat16: !is_grad_enabled());

    private static Tensor Project(Linear linear, Tensor input, bool keepBFloat16)
    {
        // A LoRA update adds B·A·x to the base projection (LoraAdapter).
        if (LoraAdapter.Of(linear) is { } update)
        {
            using var adapted = NewDisposeScope();
            Tensor baseOutput = ProjectBase(linear, input, keepBFloat16);
            return baseOutput.add(update.call(input).to(baseOutput.dtype)).MoveToOuterDisposeScope();
        }

        return ProjectBase(linear, input, keepBFloat16);
    }

    private static Tensor ProjectBase(Linear linear, Tensor input, bool keepBFloat16)
    {
        if (!InBFloat16 || !input.is_floating_point())
        {
            return OneDnnLinear.Applies(input, linear.weight!) ? OneDnnLinear.Apply(input, linear.weight!, linear.bias) : linear.call(input);
        }

        using var scope = NewDisposeScope();
        (Tensor weight, Tensor? bias) = Weights(linear, ScalarType.BFloat16, () => (linear.weight!.to(ScalarType.BFloat16), linear.bias?.to(ScalarType.BFloat16)));
        Tensor output = nn.functional.linear(input.to(ScalarType.BFloat16), weight, bias);
        return (keepBFloat16 ? output : output.to(ScalarType.Float32)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The query, key and value projections of <paramref name="input"/> side by side (…×3H), as one matrix product
    /// with the three weights stacked: one wide product instead of three narrow ones, equal to them within float
    /// rounding; autograd hands each layer its part of the gradient. Under bfloat16 inference the result stays bfloat16.
    /// </summary>
    public static Tensor ProjectQkv(Linear query, Linear key, Linear value, Tensor input)
    {
        // Fused only over plain weights: an adapted projection adds its LoRA update in Project.
        if (query.bias is null || key.bias is null || value.bias is null || LoraAdapter.Of(query) is not null || LoraAdapter.Of(key) is not null || LoraAdapter.Of(value) is not null)
        {
            return cat([query.Project(input), key.Project(input), value.Project(input)], -1);
        }

        using var scope = NewDisposeScope();
        ScalarType type = InBFloat16 && input.is_floating_point() ? ScalarType.BFloat16 : input.dtype;
        (Tensor weight, Tensor? bias) = Weights(query, type, () => (cat([query.weight!, key.weight!, value.weight!], 0).to(type), cat([query.bias, key.bias, value.bias], 0).to(type)));
        Tensor output = type == ScalarType.Float32 ? OneDnnLinear.Linear(input, weight, bias) : nn.functional.linear(input.to(type), weight, bias);
        // In bfloat16 inference attention multiplies in bfloat16 (MultiHeadAttention.AttendQkv): a float32 copy would be rounded back.
        return (type == ScalarType.BFloat16 && !is_grad_enabled() ? output : output.to(input.dtype)).MoveToOuterDisposeScope();
    }

    // The weights made by make, from the cache under ReuseWeights (there the cache owns them), else in the caller's scope.
    private static (Tensor Weight, Tensor? Bias) Weights(Linear layer, ScalarType type, Func<(Tensor Weight, Tensor? Bias)> make) =>
        EncoderExecution.Current.Weights is { } cache ? cache.GetOrAdd(layer, type, make) : make();
}
