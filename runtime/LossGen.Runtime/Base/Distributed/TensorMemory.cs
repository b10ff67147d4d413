using System;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace LossGen.Distributed;

/// <summary>
/// The address of a CPU tensor's first element, so that MPI reads and writes its storage in place. TorchSharp exposes
/// no data pointer, so it is asked of its own native library (<c>THSTensor_data</c>: libtorch's <c>data_ptr()</c>).
/// </summary>
internal static class TensorMemory
{
    /// <summary>The address of <paramref name="tensor"/>'s first element; the tensor must be contiguous CPU memory.</summary>
    public static IntPtr Address(Tensor tensor)
    {
        if (tensor.device_type != TorchSharp.DeviceType.CPU || !tensor.is_contiguous())
        {
            throw new ArgumentException("Only a contiguous CPU tensor's memory can be handed to MPI.", nameof(tensor));
        }

        return THSTensor_data(tensor.Handle);
    }

    [DllImport("LibTorchSharp")]
    private static extern IntPtr THSTensor_data(IntPtr tensor);
}
