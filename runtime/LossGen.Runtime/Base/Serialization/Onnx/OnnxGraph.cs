using System;
using System.Collections.Generic;
using System.Linq;
using Google.Protobuf;
using Onnx;

namespace LossGen.Serialization.Onnx;

/// <summary>
/// The parts of an ONNX model file that weight import needs: the initializers (name, shape, element type, raw bytes)
/// and the nodes (operator, inputs, outputs), read with the ONNX schema's messages (OnnxSharp over Google.Protobuf,
/// which LossGen's exporter writes with too); nothing is executed. An initializer whose shape and data disagree is refused.
/// </summary>
public sealed class OnnxGraph
{
    private OnnxGraph(Dictionary<string, OnnxInitializer> initializers, List<OnnxNode> nodes)
    {
        Initializers = initializers;
        Nodes = nodes;
    }

    /// <summary>The initializers by name.</summary>
    public IReadOnlyDictionary<string, OnnxInitializer> Initializers { get; }

    /// <summary>The nodes, in graph order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>Reads a serialized <c>ModelProto</c>; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="ModelFormatException">The bytes are not a well-formed ONNX model, or an initializer's dims and data disagree.</exception>
    public static OnnxGraph Parse(ReadOnlyMemory<byte> model, string source = "model.onnx")
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFormatException(source, $"is not a well-formed ONNX (protobuf) file: {e.Message}", e);
        }

        var initializers = new Dictionary<string, OnnxInitializer>(StringComparer.Ordinal);
        foreach (TensorProto tensor in proto.Graph?.Initializer ?? [])
        {
            OnnxInitializer initializer = Initializer(tensor, source);
            initializers[initializer.Name] = initializer;
        }

        if (initializers.Count == 0)
        {
            throw new ModelFormatException(source, "the ONNX model has no graph initializers.");
        }

        List<OnnxNode> nodes = (proto.Graph?.Node ?? []).Select(n => new OnnxNode(Name(n.OpType, source), n.Input.Select(i => Name(i, source)).ToArray(), n.Output.Select(o => Name(o, source)).ToArray())).ToList();
        return new OnnxGraph(initializers, nodes);
    }

    private static OnnxInitializer Initializer(TensorProto tensor, string source)
    {
        string name = Name(tensor.Name, source);
        long[] dims = [.. tensor.Dims];
        if (Array.Exists(dims, d => d < 0))
        {
            throw new ModelFormatException(source, $"initializer {name} has a negative dimension [{string.Join(", ", dims)}].");
        }

        long count;
        try
        {
            count = dims.Aggregate(1L, (a, b) => checked(a * b));
        }
        catch (OverflowException e)
        {
            throw new ModelFormatException(source, $"initializer {name} has dimensions [{string.Join(", ", dims)}] whose product overflows.", e);
        }

        int size = tensor.DataType switch { OnnxInitializer.Float => 4, 7 => 8, 6 => 4, 10 => 2, 16 => 2, 11 => 8, _ => 0 };
        ReadOnlyMemory<byte> raw = tensor.RawData.Memory;
        if (!raw.IsEmpty && size > 0 && (count > int.MaxValue / size || raw.Length != count * size))
        {
            throw new ModelFormatException(source, $"initializer {name} has {raw.Length} bytes of raw_data but its dims [{string.Join(", ", dims)}] need {count * (double)size}.");
        }

        return new OnnxInitializer(name, dims, tensor.DataType, raw);
    }

    // Protobuf decodes invalid UTF-8 to U+FFFD rather than failing; a name so damaged cannot match any weight.
    private static string Name(string name, string source) =>
        name.Contains('\uFFFD', StringComparison.Ordinal) ? throw new ModelFormatException(source, $"holds the name '{name}', which is not valid UTF-8.") : name;
}
