using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Google.Protobuf;
using Onnx;

namespace LossGen.Export;

/// <summary>
/// Builds an ONNX <see cref="GraphProto"/> node by node with fresh value names. Weights become initializers (float32,
/// or float16 followed by a Cast so that the arithmetic stays float32).
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly bool _float16;
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>The opset of every graph LossGen exports (ONNX Runtime 1.14 and later run it on CPU and CUDA).</summary>
    public const int Opset = 17;

    public OnnxGraphBuilder(string name, bool float16)
    {
        Graph = new GraphProto { Name = name };
        _float16 = float16;
    }

    public GraphProto Graph { get; }

    /// <summary>
    /// Writes the graph as an ONNX model (IR 8, <see cref="Opset"/>) to <paramref name="onnxPath"/>, and the tokenizer
    /// <paramref name="tokenizerFiles"/> beside it, so the folder is all a runtime needs.
    /// </summary>
    public void Save(string onnxPath, string producerVersion, IReadOnlyDictionary<string, byte[]> tokenizerFiles)
    {
        var onnx = new ModelProto { IrVersion = 8, ProducerName = "LossGen", ProducerVersion = producerVersion, Graph = Graph };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        string folder = Path.GetDirectoryName(Path.GetFullPath(onnxPath))!;
        Directory.CreateDirectory(folder);
        using (FileStream stream = File.Create(onnxPath))
        {
            onnx.WriteTo(stream);
        }

        foreach ((string name, byte[] bytes) in tokenizerFiles)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }

    /// <summary>A float weight of shape <paramref name="dims"/>; with float16 storage, the name of its float32 cast.</summary>
    public string Weight(string name, float[] values, params long[] dims)
    {
        if (_named.TryGetValue(name, out string? existing))
        {
            return existing;
        }

        if (!_float16)
        {
            return FloatConstant(name, values, dims);
        }

        byte[] raw = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(raw.AsSpan(i * 2), (Half)values[i]);
        }

        AddInitializer(name, TensorProto.Types.DataType.Float16, raw, dims);
        return _named[name] = Node("Cast", [name], Int("to", (long)TensorProto.Types.DataType.Float));
    }

    /// <summary>A float32 constant (never stored in float16: epsilons and masks keep their exact values).</summary>
    public string FloatConstant(string name, float[] values, params long[] dims)
    {
        if (_named.TryGetValue(name, out string? existing))
        {
            return existing;
        }

        byte[] raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return AddInitializer(name, TensorProto.Types.DataType.Float, raw, dims);
    }

    /// <summary>An int64 constant.</summary>
    public string IntConstant(string name, long[] values, params long[] dims)
    {
        if (_named.TryGetValue(name, out string? existing))
        {
            return existing;
        }

        byte[] raw = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return AddInitializer(name, TensorProto.Types.DataType.Int64, raw, dims);
    }

    /// <summary>A scalar float constant with a fresh name.</summary>
    public string Scalar(float value) => FloatConstant(Fresh("const"), [value]);

    /// <summary>A 0-D int64 constant with a fresh name (an axis or index given as a tensor).</summary>
    public string IntScalar(long value) => IntConstant(Fresh("const"), [value]);

    /// <summary>A 1-D int64 constant with a fresh name (shapes, axes, indices).</summary>
    public string Ints(params long[] values) => IntConstant(Fresh("const"), values, values.Length);

    /// <summary>Adds a node of <paramref name="op"/> and returns its (single) output.</summary>
    public string Node(string op, string[] inputs, params AttributeProto[] attributes) => Nodes(op, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs.</summary>
    public string[] Nodes(string op, string[] inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Fresh(op) };
        node.Input.AddRange(inputs);
        string[] names = Enumerable.Range(0, outputs).Select(_ => Fresh(op.ToLowerInvariant())).ToArray();
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return names;
    }

    /// <summary>Renames <paramref name="value"/> to the graph output <paramref name="name"/> (an Identity node).</summary>
    public void Output(string value, string name, TensorProto.Types.DataType type, params string[] dims)
    {
        var node = new NodeProto { OpType = "Identity", Name = Fresh("Identity") };
        node.Input.Add(value);
        node.Output.Add(name);
        Graph.Node.Add(node);
        Graph.Output.Add(ValueInfo(name, type, dims));
    }

    /// <summary>Declares a graph input.</summary>
    public string Input(string name, TensorProto.Types.DataType type, params string[] dims)
    {
        Graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto IntList(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string AddInitializer(string name, TensorProto.Types.DataType type, byte[] raw, long[] dims)
    {
        _named[name] = name;
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A new value name starting with <paramref name="stem"/>.</summary>
    public string Fresh(string stem) => $"{stem}_{_counter++}";

    // Named dimensions ("batch", "sequence") are dynamic; numbers are fixed.
    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, string[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (string dim in dims)
        {
            shape.Dim.Add(long.TryParse(dim, out long size) ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = dim });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
