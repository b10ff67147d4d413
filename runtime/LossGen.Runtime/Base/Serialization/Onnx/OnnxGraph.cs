using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Text;

namespace LossGen.Serialization.Onnx;

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

    /// <summary>Reads a serialized <c>ModelProto</c>; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="Serialization.ModelFormatException">The bytes are not a well-formed ONNX model, or an initializer's dims and data disagree.</exception>
    public static OnnxGraph Parse(ReadOnlyMemory<byte> model, string source = "model.onnx")
    {
        var initializers = new Dictionary<string, OnnxInitializer>(StringComparer.Ordinal);
        var nodes = new List<OnnxNode>();
        try
        {
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
        }
        catch (InvalidDataException e)
        {
            throw new Serialization.ModelFormatException(source, e.Message, e);
        }
        catch (Exception e) when (e is OverflowException or IndexOutOfRangeException or ArgumentOutOfRangeException or DecoderFallbackException)
        {
            throw new Serialization.ModelFormatException(source, $"is not a well-formed ONNX (protobuf) file: {e.Message}", e);
        }

        if (initializers.Count == 0)
        {
            throw new Serialization.ModelFormatException(source, "the ONNX model has no graph initializers.");
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

        if (dims.Exists(d => d < 0))
        {
            throw new InvalidDataException($"initializer {name} has a negative dimension [{string.Join(", ", dims)}].");
        }

        long count = dims.Aggregate(1L, (a, b) => checked(a * b));
        int size = type switch { OnnxInitializer.Float => 4, 7 => 8, 6 => 4, 10 => 2, 16 => 2, 11 => 8, _ => 0 };
        if (!raw.IsEmpty && size > 0 && raw.Length != checked(count * size))
        {
            throw new InvalidDataException($"initializer {name} has {raw.Length} bytes of raw_data but its dims [{string.Join(", ", dims)}] need {count * size}.");
        }

        return new OnnxInitializer(name, dims.ToArray(), type, raw);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // A reader of just the ModelProto fields LossGen needs; each read is bounds-checked, since the file may be hostile.
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
                if (End)
                {
                    throw new InvalidDataException("the ONNX file ends inside a varint.");
                }

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
            ulong declared = Varint();
            if (declared > (ulong)(data.Length - _position))
            {
                throw new InvalidDataException("a length-delimited field runs past the end of the ONNX file.");
            }

            int length = (int)declared;
            if (_position + length > data.Length)
            {
                throw new InvalidDataException("A length-delimited field runs past the end of the ONNX file.");
            }

            ReadOnlyMemory<byte> slice = data.Slice(_position, length);
            _position += length;
            return slice;
        }

        public string String() => StrictUtf8.GetString(Bytes().Span);

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0:
                    Varint();
                    break;
                case 1:
                    Advance(8);
                    break;
                case 2:
                    Bytes();
                    break;
                case 5:
                    Advance(4);
                    break;
                default:
                    throw new InvalidDataException($"unsupported protobuf wire type {wire} in the ONNX file.");
            }
        }

        private void Advance(int bytes)
        {
            if (_position + bytes > data.Length)
            {
                throw new InvalidDataException("the ONNX file ends inside a fixed-size field.");
            }

            _position += bytes;
        }
    }
}
