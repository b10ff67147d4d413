using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LossGen.Diagnostics;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace LossGen.Cpu;

/// <summary>
/// A float32 linear layer on the CPU computed as a 1×1 convolution over channels-last activations. libtorch hands
/// float32 <c>linear</c> to MKL, whose sgemm runs its AVX2 kernel on AMD CPUs (half of what AVX-512 does on Zen 5), while
/// its convolutions go to oneDNN, whose AVX-512 kernels compute the same product, forward and backward, about twice as
/// fast at an encoder's shapes. TorchSharp offers no other way to oneDNN's float32 matrix product. The result equals
/// <c>linear</c>'s within float rounding (another summation order, as any other BLAS) wherever this path is taken:
/// only whole blocks of <see cref="ChannelBlock"/> channels, and only after <see cref="SelfCheck()"/> agreed on this CPU for that width.
/// </summary>
internal static class OneDnnLinear
{
    /// <summary>
    /// oneDNN reorders the weights into blocks of 32 output channels (<c>Acdb32a</c>) for its <c>brgconv_1x1</c> kernel.
    /// On an AMD family 26 CPU that kernel (oneDNN 3.7.1, libtorch 2.10) returned forward products wrong by 2–58 for
    /// widths with a partial block (40, 80, 112, 144 outputs), so a width with a partial block is never sent there.
    /// </summary>
    public const long ChannelBlock = 32;

    /// <summary>
    /// The (in, out) widths the kernel is sent, each one checked by <see cref="SelfCheck()"/> on the CPU at hand: the
    /// layers of MiniLM (384) and BERT-base-sized encoders (768), fused query/key/value included. Whole blocks are not
    /// enough: on the same CPU the kernel returned products wrong by up to 130 for 16 rows of 2048 or 3072 inputs by 1024
    /// outputs and for 1024 rows of 1024 by 4096, and stopped the process (an integer division by zero inside
    /// libtorch) for 37 or more rows of 1024 by 2048, widths of ModernBERT, Qwen3 and Gemma3, whose products therefore
    /// stay on libtorch's <c>linear</c>. A width joins this list only with a self-check that covers it.
    /// </summary>
    internal static readonly (long Inputs, long Outputs)[] VerifiedWidths =
        [(32, 32), (64, 96), (96, 160), (384, 384), (384, 1152), (384, 1536), (1536, 384), (768, 768), (768, 2304), (768, 3072), (3072, 768)];

    // Where MKL takes its AVX2 path: AMD CPUs with AVX-512 (on Intel's, MKL's own AVX-512 kernels run and are kept).
    private static readonly bool CpuGains = CpuFeatures.HasAvx512 && CpuFeatures.IsAmd;

    // Whether the kernel gives linear's products on this CPU, per width: checked once, on the width's first use, never assumed.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(long Inputs, long Outputs), Lazy<bool>> Agrees = new();

    /// <summary>Turns the path off for the process (tests compare a model's embeddings with and without it).</summary>
    internal static bool Disabled { get; set; }

    /// <summary>
    /// Whether <paramref name="input"/>·<paramref name="weight"/>ᵀ is better multiplied here than by <c>linear</c>:
    /// float32 on an AMD AVX-512 CPU, widths among <see cref="VerifiedWidths"/>, and the kernel checked on this CPU.
    /// </summary>
    public static bool Applies(Tensor input, Tensor weight) =>
        CpuGains && !Disabled && input.device_type == TorchSharp.DeviceType.CPU && input.dtype == ScalarType.Float32 && input.dim() >= 2
        && weight.dim() == 2 && Array.IndexOf(VerifiedWidths, (weight.shape[1], weight.shape[0])) >= 0
        && Agrees.GetOrAdd((weight.shape[1], weight.shape[0]), width => new Lazy<bool>(() => SelfCheck([width]), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary><paramref name="input"/>·<paramref name="weight"/>ᵀ + <paramref name="bias"/> here where that is exact and faster, else by <c>linear</c>.</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias) =>
        Applies(input, weight) ? Apply(input, weight, bias) : nn.functional.linear(input, weight, bias);

    /// <summary>input·weightᵀ + bias over the last dimension of <paramref name="input"/> (…×in → …×out), unchecked.</summary>
    internal static Tensor Apply(Tensor input, Tensor weight, Tensor? bias) => Apply(input, weight, bias, asSixteenImages: get_num_threads() == 1);

    private static Tensor Apply(Tensor input, Tensor weight, Tensor? bias, bool asSixteenImages)
    {
        using var scope = NewDisposeScope();
        long inputs = input.shape[^1], outputs = weight.shape[0];
        long rows = input.numel() / inputs;
        long[] shape = [.. input.shape.Take(input.shape.Length - 1), outputs];
        if (asSixteenImages)
        {
            // libtorch sends a one-image 1×1 convolution to im2col + MKL on one thread (its use_mkldnn rule wants a
            // batch of 16 or more threads), so there the rows go as 16 images, zero rows padding them to a multiple of 16.
            long height = (rows + 15) / 16;
            Tensor flat = input.reshape(rows, inputs);
            Tensor padded = height * 16 == rows ? flat : cat([flat, zeros(height * 16 - rows, inputs, dtype: input.dtype)], 0);
            Tensor images = padded.view(16, height, 1, inputs).permute(0, 3, 1, 2);
            Tensor result = nn.functional.conv2d(images, weight.view(outputs, inputs, 1, 1), bias).permute(0, 2, 3, 1).reshape(height * 16, outputs);
            return result.narrow(0, 0, rows).reshape(shape).MoveToOuterDisposeScope();
        }

        // N×in rows viewed as a 1×in×N×1 image whose memory is channels-last, so oneDNN reads the rows as they lie.
        Tensor image = input.reshape(1, rows, 1, inputs).permute(0, 3, 1, 2);
        Tensor output = nn.functional.conv2d(image, weight.view(outputs, inputs, 1, 1), bias);
        return output.permute(0, 2, 3, 1).reshape(shape).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Compares both forms of the kernel with <c>linear</c>, values and the three gradients, over whole-block widths and
    /// row counts on both sides of every blocking boundary the kernel has (16-row images, thread partitions, large
    /// spatial sizes), on a thread of its own so that the caller's grad or inference mode does not matter.
    /// </summary>
    internal static bool SelfCheck() => SelfCheck(VerifiedWidths);

    /// <summary>As <see cref="SelfCheck()"/>, for <paramref name="widths"/> only.</summary>
    internal static bool SelfCheck(IReadOnlyList<(long Inputs, long Outputs)> widths)
    {
        string? failure = null;
        var thread = new Thread(() => failure = FirstDisagreement(widths)) { Name = "LossGen oneDNN self-check" };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            LossGenLogging.CreateLogger<Tensor>().LogWarning(
                "oneDNN's 1×1 convolution disagrees with linear on this CPU ({Failure}); float32 products stay on libtorch's linear.", failure);
        }

        return failure is null;
    }

    private static string? FirstDisagreement(IReadOnlyList<(long Inputs, long Outputs)> widths)
    {
        using var grad = enable_grad();
        foreach ((long inputs, long outputs) in widths)
        {
            // Past 4096 rows the partitions change again; checked on the smaller widths, where it costs a fraction of a second.
            foreach (long rows in new long[] { 1, 15, 16, 17, 37, 333, 1000, 4097 }.Where(r => r < 4096 || inputs * outputs <= 384 * 1536))
            {
                foreach (bool asSixteenImages in new[] { true, false })
                {
                    using var scope = NewDisposeScope();
                    var generator = new Generator(17);
                    Tensor input = randn([rows, inputs], generator: generator).requires_grad_();
                    Tensor weight = (randn([outputs, inputs], generator: generator) / Math.Sqrt(inputs)).requires_grad_();
                    Tensor bias = randn([outputs], generator: generator).requires_grad_();
                    Tensor upstream = randn([rows, outputs], generator: generator);
                    Tensor[] expected = ValueAndGradients(nn.functional.linear(input, weight, bias), [input, weight, bias], upstream);
                    Tensor[] actual = ValueAndGradients(Apply(input, weight, bias, asSixteenImages), [input, weight, bias], upstream);
                    for (int i = 0; i < expected.Length; i++)
                    {
                        if (!actual[i].allclose(expected[i], rtol: 1e-4, atol: 1e-3))
                        {
                            return $"{(i == 0 ? "values" : "gradient " + i)} of a {rows}×{inputs} by {outputs}×{inputs} product {(asSixteenImages ? "as 16 images" : "as one image")}, off by {(actual[i] - expected[i]).abs().max().item<float>()}";
                        }
                    }
                }
            }
        }

        return null;
    }

    private static Tensor[] ValueAndGradients(Tensor output, Tensor[] inputs, Tensor upstream) =>
        [output.detach(), .. autograd.grad([output], inputs, [upstream])];
}
