using System;
using System.Buffers.Binary;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Serialization;

/// <summary>
/// The safetensors dtypes LossGen reads. Floating-point tensors are upcast to float32 exactly as PyTorch's
/// <c>.float()</c> (half and bfloat16 widen without rounding; float64 rounds to nearest), because sentence-transformers
/// loads such checkpoints into a float32 model; integer tensors (buffers such as <c>position_ids</c>) become int64.
/// </summary>
internal static class SafeTensorDType
{
    /// <summary>The byte size of one element of <paramref name="dtype"/>, or 0 when LossGen does not read it.</summary>
    public static int ElementSize(string dtype) => dtype switch
    {
        "F32" or "I32" => 4,
        "F16" or "BF16" => 2,
        "F64" or "I64" => 8,
        _ => 0,
    };

    /// <summary>Decodes little-endian <paramref name="bytes"/> of <paramref name="dtype"/> into a CPU tensor of <paramref name="shape"/>.</summary>
    public static Tensor Decode(string dtype, ReadOnlySpan<byte> bytes, long[] shape)
    {
        switch (dtype)
        {
            case "I64":
            case "I32":
            {
                int size = ElementSize(dtype);
                long[] values = new long[bytes.Length / size];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = size == 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 8)..]) : BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
                }

                return tensor(values, dtype: ScalarType.Int64).reshape(shape);
            }

            default:
            {
                float[] values = new float[bytes.Length / ElementSize(dtype)];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = dtype switch
                    {
                        "F32" => BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]),
                        "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]),
                        "BF16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]) << 16),
                        "F64" => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]),
                        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
                    };
                }

                return tensor(values, dtype: ScalarType.Float32).reshape(shape);
            }
        }
    }
}
