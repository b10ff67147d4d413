using System.Linq;
using System.Runtime.Intrinsics.X86;
using static TorchSharp.torch;

namespace LossGen.Models.Transformers;

/// <summary>
/// A float32 linear layer on the CPU computed as a 1×1 convolution over channels-last activations. libtorch hands
/// float32 <c>linear</c> to MKL, whose sgemm runs its AVX2 kernel on AMD CPUs (half of what AVX-512 does on Zen 5), while
/// its convolutions go to oneDNN, whose AVX-512 kernels compute the same product, forward and backward, about twice as
/// fast at an encoder's shapes. TorchSharp offers no other way to oneDNN's float32 matrix product. The result equals
/// <c>linear</c>'s within float rounding (another summation order, as any other BLAS).
/// </summary>
internal static class OneDnnLinear
{
    // Where MKL takes its AVX2 path: AMD CPUs with AVX-512 (on Intel's, MKL's own AVX-512 kernels run and are kept).
    private static readonly bool CpuGains = Avx512F.IsSupported && IsAmd();

    /// <summary>Whether <paramref name="input"/> is better multiplied here than by <c>linear</c>: float32 on an AMD AVX-512 CPU.</summary>
    public static bool Applies(Tensor input) =>
        CpuGains && input.device_type == TorchSharp.DeviceType.CPU && input.dtype == ScalarType.Float32 && input.dim() >= 2;

    private static bool IsAmd()
    {
        (_, int ebx, int ecx, int edx) = X86Base.CpuId(0, 0);
        return (ebx, edx, ecx) == (0x68747541, 0x69746E65, 0x444D4163); // "AuthenticAMD"
    }

    /// <summary>input·weightᵀ + bias over the last dimension of <paramref name="input"/> (…×in → …×out).</summary>
    public static Tensor Apply(Tensor input, Tensor weight, Tensor? bias)
    {
        using var scope = NewDisposeScope();
        long inputs = input.shape[^1], outputs = weight.shape[0];
        long rows = input.numel() / inputs;
        long[] shape = [.. input.shape.Take(input.shape.Length - 1), outputs];
        if (get_num_threads() == 1)
        {
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
}
