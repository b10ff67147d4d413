using System.Collections.Generic;

namespace LossGen.Serialization.Onnx;

/// <summary>An operator of an ONNX graph with the names of its inputs and outputs.</summary>
/// <param name="OpType">The operator, such as <c>MatMul</c>.</param>
/// <param name="Inputs">Input value names.</param>
/// <param name="Outputs">Output value names.</param>
public sealed record OnnxNode(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
