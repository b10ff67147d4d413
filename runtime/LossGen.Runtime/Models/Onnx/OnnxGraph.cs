using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LossGen.Models.Onnx;

/// <summary>
/// The parts of an ONNX model file that weight import needs: the initializers (name, shape, element type, raw bytes)
/// and the nodes (operator, inputs, outputs). A minimal protobuf reader; it never executes anything.
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

    /// <summary>Reads a serialized <c>ModelProto</c>.</summary>
    public static OnnxGraph Parse(ReadOnlyMemory<byte> model)
    {
        var initializers = new Dictionary<string, OnnxInitializer>(StringComparer.Ordinal);
        var nodes = new List<OnnxNode>();
        var reader = new ProtoReader(model);
        while (reader.Next(out int field, out int wire))
        {
            if (field == 7 && wire == 2)
            {
                ReadGraph(reader.Bytes(), initializers, nodes);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (initializers.Count == 0)
        {
            throw new InvalidDataException("The ONNX model has no graph initializers.");
        }

        return new OnnxGraph(initializers, nodes);
    }

    private static void ReadGraph(ReadOnlyMemory<byte> graph, Dictionary<string, OnnxInitializer> initializers, List<OnnxNode> nodes)
    {
        var reader = new ProtoReader(graph);
        while (reader.Next(out int field, out int wire))
        {
            switch (field, wire)
            {
                case (1, 2):
                    nodes.Add(ReadNode(reader.Bytes()));
                    break;
                case (5, 2):
                    OnnxInitializer initializer = ReadTensor(reader.Bytes());
                    initializers[initializer.Name] = initializer;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    private static OnnxNode ReadNode(ReadOnlyMemory<byte> node)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string op = string.Empty;
        var reader = new ProtoReader(node);
        while (reader.Next(out int field, out int wire))
        {
            switch (field, wire)
            {
                case (1, 2):
                    inputs.Add(reader.String());
                    break;
                case (2, 2):
                    outputs.Add(reader.String());
                    break;
                case (4, 2):
                    op = reader.String();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OnnxNode(op, inputs, outputs);
    }

    private static OnnxInitializer ReadTensor(ReadOnlyMemory<byte> tensor)
    {
        var dims = new List<long>();
        int type = 0;
        string name = string.Empty;
        ReadOnlyMemory<byte> raw = default;
        var reader = new ProtoReader(tensor);
        while (reader.Next(out int field, out int wire))
        {
            switch (field, wire)
            {
                case (1, 0):
                    dims.Add((long)reader.Varint());
                    break;
                case (1, 2):
                    var packed = new ProtoReader(reader.Bytes());
                    while (!packed.End)
                    {
                        dims.Add((long)packed.Varint());
                    }

                    break;
                case (2, 0):
                    type = (int)reader.Varint();
                    break;
                case (8, 2):
                    name = reader.String();
                    break;
                case (9, 2):
                    raw = reader.Bytes();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OnnxInitializer(name, dims.ToArray(), type, raw);
    }

    private sealed class ProtoReader(ReadOnlyMemory<byte> data)
    {
        private int _position;

        public bool End => _position >= data.Length;

        public bool Next(out int field, out int wire)
        {
            if (End)
            {
                field = wire = 0;
                return false;
            }

            ulong key = Varint();
            field = (int)(key >> 3);
            wire = (int)(key & 7);
            return true;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                byte b = data.Span[_position++];
                value |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new InvalidDataException("Malformed varint in the ONNX file.");
        }

        public ReadOnlyMemory<byte> Bytes()
        {
            int length = checked((int)Varint());
            if (length < 0 || _position + length > data.Length)
            {
                throw new InvalidDataException("A length-delimited field runs past the end of the ONNX file.");
            }

            ReadOnlyMemory<byte> slice = data.Slice(_position, length);
            _position += length;
            return slice;
        }

        public string String() => Encoding.UTF8.GetString(Bytes().Span);

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0:
                    Varint();
                    break;
                case 1:
                    _position += 8;
                    break;
                case 2:
                    Bytes();
                    break;
                case 5:
                    _position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wire} in the ONNX file.");
            }
        }
    }
}
