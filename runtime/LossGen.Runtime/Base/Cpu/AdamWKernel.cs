using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LossGen.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Cpu;

/// <summary>
/// AdamW's update of one CPU float32 parameter in a single pass over its memory. The tensor form (decay, two moment
/// updates, square root, division, addcdiv) makes eight passes and a parameter-sized temporary: for MiniLM's 47 MB word
/// embeddings that is most of the optimizer's time and a fresh mapping of pages every step. No library offers a fused
/// CPU AdamW through TorchSharp, hence this loop; it rounds as libtorch's element-wise kernels do (each operation in
/// float32, in the same order, the moment update by fused multiply-add as ATen's vectorized add), so it gives the
/// tensor form's results.
/// </summary>
internal static class AdamWKernel
{
    /// <summary>Whether <paramref name="tensor"/> can be updated in place here: CPU, float32, contiguous.</summary>
    public static bool Supports(Tensor tensor) =>
        tensor.device_type == DeviceType.CPU && tensor.dtype == ScalarType.Float32 && tensor.is_contiguous();

    /// <summary>Updates elements [<paramref name="start"/>, <paramref name="end"/>) of the parameter and its moments.</summary>
    public static void Update(Tensor parameter, Tensor gradient, Tensor mean, Tensor variance, in AdamWCoefficients c, int start, int end)
    {
        Span<float> p = Floats(parameter, start, end), m = Floats(mean, start, end), v = Floats(variance, start, end);
        ReadOnlySpan<float> g = Floats(gradient, start, end);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var decay = Vector512.Create(c.Decay);
            var beta1 = Vector512.Create(c.Beta1);
            var oneMinusBeta1 = Vector512.Create(c.OneMinusBeta1);
            var beta2 = Vector512.Create(c.Beta2);
            var oneMinusBeta2 = Vector512.Create(c.OneMinusBeta2);
            var correction2Root = Vector512.Create(c.Correction2Root);
            var epsilon = Vector512.Create(c.Epsilon);
            var stepSize = Vector512.Create(c.StepSize);
            for (; i <= p.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var gi = Vector512.Create(g.Slice(i, Vector512<float>.Count));
                var pi = Vector512.Create(p.Slice(i, Vector512<float>.Count)) * decay;
                var mi = Vector512.FusedMultiplyAdd(gi, oneMinusBeta1, Vector512.Create(m.Slice(i, Vector512<float>.Count)) * beta1);
                var vi = Vector512.FusedMultiplyAdd(oneMinusBeta2 * gi, gi, Vector512.Create(v.Slice(i, Vector512<float>.Count)) * beta2);
                var denominator = (Vector512.Sqrt(vi) / correction2Root) + epsilon;
                (pi + (stepSize * mi / denominator)).CopyTo(p.Slice(i));
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
            }
        }

        for (; i < p.Length; i++)
        {
            float gi = g[i];
            m[i] = MathF.FusedMultiplyAdd(gi, c.OneMinusBeta1, m[i] * c.Beta1);
            v[i] = MathF.FusedMultiplyAdd(c.OneMinusBeta2 * gi, gi, v[i] * c.Beta2);
            float denominator = (MathF.Sqrt(v[i]) / c.Correction2Root) + c.Epsilon;
            p[i] = (p[i] * c.Decay) + (c.StepSize * m[i] / denominator);
        }
    }

    private static Span<float> Floats(Tensor tensor, int start, int end) =>
        MemoryMarshal.Cast<byte, float>(tensor.bytes)[start..end];
}

/// <summary>One step's AdamW scalars, each rounded to float32 as libtorch rounds a scalar operand of a float32 tensor.</summary>
internal readonly record struct AdamWCoefficients(
    float Decay, float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float Correction2Root, float Epsilon, float StepSize)
{
    /// <summary>The scalars of step <paramref name="step"/> (1-based), with the bias corrections of PyTorch's AdamW.</summary>
    public static AdamWCoefficients For(double learningRate, double weightDecay, double beta1, double beta2, double epsilon, int step) =>
        new(
            (float)(1 - (learningRate * weightDecay)),
            (float)beta1,
            (float)(1 - beta1),
            (float)beta2,
            (float)(1 - beta2),
            (float)Math.Sqrt(1 - Math.Pow(beta2, step)),
            (float)epsilon,
            (float)(-learningRate / (1 - Math.Pow(beta1, step))));
}
