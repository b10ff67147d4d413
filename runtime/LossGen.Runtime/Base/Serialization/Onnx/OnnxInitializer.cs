using System;

namespace LossGen.Serialization.Onnx;

/// <summary>A constant tensor of an ONNX graph, as stored: little-endian raw bytes.</summary>
/// <param name="Name">The initializer name.</param>
/// <param name="Dims">The shape.</param>
/// <param name="DataType">The ONNX element type (1 = float32, 7 = int64).</param>
/// <param name="RawData">The raw little-endian bytes.</param>
public sealed record OnnxInitializer(string Name, long[] Dims, int DataType, ReadOnlyMemory<byte> RawData)
{
    /// <summary>ONNX <c>TensorProto.FLOAT</c>.</summary>
    public const int Float = 1;
}
