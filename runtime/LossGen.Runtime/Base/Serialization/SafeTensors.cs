using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Serialization;

/// <summary>
/// Reads and writes the safetensors format (an 8-byte header length, a JSON header, raw little-endian data), reading by
/// the format's rules before anything is allocated: the header is valid UTF-8 JSON and an object, tensor names are
/// unique, each entry has a known dtype, a shape of non-negative integers and <c>data_offsets</c> [begin, end) whose
/// length is element count × dtype size, the entries tile the data area exactly, and <c>__metadata__</c> is a string →
/// string map. Pickled and zip checkpoints are recognised by their magic bytes and refused, never unpickled. Every fault
/// is a <see cref="ModelFormatException"/> naming the file and the tensor.
/// </summary>
public static class SafeTensors
{
    /// <summary>The largest header accepted (100 MB, as the reference implementation).</summary>
    public const long MaxHeaderLength = 100_000_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes float32 <paramref name="tensors"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is { Count: > 0 })
        {
            header["__metadata__"] = metadata;
        }

        long offset = 0;
        var ordered = tensors.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        foreach ((string name, Tensor tensor) in ordered)
        {
            if (tensor.dtype != ScalarType.Float32)
            {
                throw new ArgumentException($"safetensors: {name} is {tensor.dtype}; only float32 is written.", nameof(tensors));
            }

            long size = tensor.numel() * sizeof(float);
            header[name] = new { dtype = "F32", shape = tensor.shape, data_offsets = new[] { offset, offset + size } };
            offset += size;
        }

        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header);
        int padding = (8 - (json.Length % 8)) % 8;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, json.Length + padding);
        stream.Write(length);
        stream.Write(json);
        stream.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        foreach ((_, Tensor tensor) in ordered)
        {
            using Tensor cpu = tensor.detach().cpu().contiguous();
            float[] values = cpu.data<float>().ToArray();
            byte[] bytes = new byte[values.Length * sizeof(float)];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            stream.Write(bytes);
        }

        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Reads every tensor of a safetensors file as CPU tensors: floating-point ones as float32 (F16, BF16 and F64 are
    /// converted), integer ones as int64. Tensors that hold NaN or infinity are loaded as they are, with a warning
    /// through <see cref="Diagnostics.LossGenLogging"/> that names them.
    /// </summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        Dictionary<string, Tensor> tensors = Read(path);
        if (NonFinite(tensors) is { } names)
        {
            Diagnostics.LossGenLogging.LoggerFactory.CreateLogger("LossGen.Serialization.SafeTensors")
                .LogWarning("{Path}: tensors {Names} hold NaN or infinity.", path, names);
        }

        return tensors;
    }

    /// <summary>
    /// As <see cref="Load"/> for a model's weights, which must be finite: a model whose weights hold NaN or infinity
    /// embeds NaN, so such a file is refused with a <see cref="ModelFormatException"/> that names the tensors.
    /// </summary>
    internal static Dictionary<string, Tensor> LoadFinite(string path)
    {
        Dictionary<string, Tensor> tensors = Read(path);
        if (NonFinite(tensors) is { } names)
        {
            foreach (Tensor tensor in tensors.Values)
            {
                tensor.Dispose();
            }

            throw new ModelFormatException(path, $"tensors {names} hold NaN or infinity; a model with such weights embeds NaN.");
        }

        return tensors;
    }

    // The floating-point tensors that hold a NaN or an infinity, named in file order, or null when all are finite.
    private static string? NonFinite(Dictionary<string, Tensor> tensors)
    {
        using var scope = NewDisposeScope();
        string[] names = tensors.Where(t => t.Value.is_floating_point() && !t.Value.isfinite().all().item<bool>()).Select(t => t.Key).ToArray();
        return names.Length == 0 ? null : string.Join(", ", names);
    }

    private static Dictionary<string, Tensor> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using SafeFileHandle file = OpenRead(path);
        long fileLength = RandomAccess.GetLength(file);
        (long dataStart, Entry[] entries) = ReadHeader(path, file, fileLength);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (Entry entry in entries)
            {
                byte[] bytes = new byte[entry.End - entry.Begin];
                ReadExactly(path, file, bytes, dataStart + entry.Begin);
                result[entry.Name] = SafeTensorDType.Decode(entry.DType, bytes, entry.Shape).DetachFromDisposeScope();
            }
        }
        catch
        {
            foreach (Tensor tensor in result.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return result;
    }

    /// <summary>The names of the tensors in a safetensors file, read from its header alone (validated as by <see cref="Load"/>).</summary>
    public static IReadOnlyList<string> ReadNames(string path) => ReadShapes(path).Keys.ToArray();

    /// <summary>The shape of every tensor in a safetensors file, read from its header alone (validated as by <see cref="Load"/>).</summary>
    public static IReadOnlyDictionary<string, long[]> ReadShapes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using SafeFileHandle file = OpenRead(path);
        return ReadHeader(path, file, RandomAccess.GetLength(file)).Entries.ToDictionary(e => e.Name, e => e.Shape, StringComparer.Ordinal);
    }

    private static SafeFileHandle OpenRead(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static (long DataStart, Entry[] Entries) ReadHeader(string path, SafeFileHandle file, long fileLength)
    {
        byte[] prefix = new byte[(int)Math.Min(8, fileLength)];
        ReadExactly(path, file, prefix, 0);
        if (IsPickleOrZip(prefix))
        {
            throw new ModelFormatException(path, "is a pickled PyTorch checkpoint (pickle or zip), not safetensors; LossGen never unpickles checkpoints. Re-save it with safetensors (save_pretrained(..., safe_serialization=True)).");
        }

        if (fileLength < 8)
        {
            throw new ModelFormatException(path, $"too short for a safetensors file ({fileLength} bytes).");
        }

        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(prefix);
        if (headerLength <= 0 || headerLength > MaxHeaderLength || headerLength > fileLength - 8)
        {
            throw new ModelFormatException(path, $"the header length {headerLength} is not within (0, {Math.Min(MaxHeaderLength, fileLength - 8)}].");
        }

        byte[] headerBytes = new byte[headerLength];
        ReadExactly(path, file, headerBytes, 8);
        long dataLength = fileLength - 8 - headerLength;
        Entry[] entries = ParseHeader(path, headerBytes, dataLength);
        return (8 + headerLength, entries);
    }

    private static Entry[] ParseHeader(string path, byte[] headerBytes, long dataLength)
    {
        JsonDocument header;
        try
        {
            // System.Text.Json defers some UTF-8 checks to when a name is read; check the whole header first.
            _ = StrictUtf8.GetCharCount(headerBytes);
            header = JsonDocument.Parse(headerBytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException(path, $"the safetensors header is not valid UTF-8: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, $"the safetensors header is not valid UTF-8 JSON: {e.Message}", e);
        }

        using (header)
        {
            try
            {
                return ParseEntries(path, header, dataLength);
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json accepts an unpaired surrogate escape ("\ud800") when it parses and throws when the string is read.
                throw new ModelFormatException(path, $"the safetensors header holds a string that is not valid Unicode (an unpaired surrogate escape): {e.Message}", e);
            }
        }
    }

    private static Entry[] ParseEntries(string path, JsonDocument header, long dataLength)
    {
        if (header.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException(path, $"the safetensors header is a JSON {header.RootElement.ValueKind}, not an object.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        foreach (JsonProperty property in header.RootElement.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw new ModelFormatException(path, $"the header names {property.Name} twice.");
            }

            if (property.Name == "__metadata__")
            {
                CheckMetadata(path, property.Value);
                continue;
            }

            entries.Add(ParseEntry(path, property.Name, property.Value));
        }

        // The entries must tile the data area: no gap, no overlap, no trailing byte.
        long expected = 0;
        foreach (Entry entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin != expected)
            {
                throw new ModelFormatException(path, entry.Begin < expected
                    ? $"tensor {entry.Name} overlaps the tensor before it (it starts at byte {entry.Begin}, the one before ends at {expected})."
                    : $"there is a gap of {entry.Begin - expected} bytes before tensor {entry.Name}.");
            }

            expected = entry.End;
        }

        if (expected != dataLength)
        {
            throw new ModelFormatException(path, expected < dataLength
                ? $"{dataLength - expected} bytes after the last tensor belong to none."
                : $"the tensors need {expected} bytes of data but the file has {dataLength}.");
        }

        return entries.ToArray();
    }

    private static Entry ParseEntry(string path, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException(path, $"tensor {name}: its header entry is not an object.");
        }

        string dtype = value.TryGetProperty("dtype", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : throw new ModelFormatException(path, $"tensor {name} has no dtype string.");
        int elementSize = SafeTensorDType.ElementSize(dtype);
        if (elementSize == 0)
        {
            throw new ModelFormatException(path, $"tensor {name} has dtype {dtype}; LossGen reads F32, F16, BF16, F64, I64 and I32.");
        }

        long[] shape = IntegerArray(path, name, value, "shape");
        long[] offsets = IntegerArray(path, name, value, "data_offsets");
        if (offsets.Length != 2 || offsets[1] < offsets[0])
        {
            throw new ModelFormatException(path, $"tensor {name} has data_offsets [{string.Join(", ", offsets)}]; it needs [begin, end] with begin ≤ end.");
        }

        long bytes;
        try
        {
            bytes = checked(shape.Aggregate(1L, (a, b) => checked(a * b)) * elementSize);
        }
        catch (OverflowException)
        {
            throw new ModelFormatException(path, $"tensor {name}'s shape [{string.Join(", ", shape)}] overflows.");
        }

        if (offsets[1] - offsets[0] != bytes)
        {
            throw new ModelFormatException(path, $"tensor {name} spans {offsets[1] - offsets[0]} bytes but its shape [{string.Join(", ", shape)}] of {dtype} needs {bytes}.");
        }

        if (bytes > Array.MaxLength)
        {
            throw new ModelFormatException(path, $"tensor {name} has {bytes} bytes, more than one tensor may hold.");
        }

        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] IntegerArray(string path, string name, JsonElement entry, string field)
    {
        if (!entry.TryGetProperty(field, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new ModelFormatException(path, $"tensor {name} has no {field} array.");
        }

        if (field == "shape" && array.GetArrayLength() > 64)
        {
            throw new ModelFormatException(path, $"tensor {name} has {array.GetArrayLength()} dimensions; at most 64 are allowed.");
        }

        return array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) && v >= 0
            ? v
            : throw new ModelFormatException(path, $"tensor {name}: {field} holds {e.GetRawText()}, not a non-negative integer.")).ToArray();
    }

    private static void CheckMetadata(string path, JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException(path, "__metadata__ is not an object of strings.");
        }

        foreach (JsonProperty entry in metadata.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new ModelFormatException(path, $"__metadata__[\"{entry.Name}\"] is a JSON {entry.Value.ValueKind}, not a string.");
            }

            // Read, so that a value the format's own parser would reject (an unpaired surrogate escape) is refused too.
            _ = entry.Value.GetString();
        }
    }

    // torch.save writes a zip archive (PK\x03\x04) since PyTorch 1.6, and a raw pickle (PROTO opcode 0x80, protocol 2-5) before.
    private static bool IsPickleOrZip(ReadOnlySpan<byte> prefix) =>
        (prefix.Length >= 4 && prefix[0] == 'P' && prefix[1] == 'K' && prefix[2] == 3 && prefix[3] == 4)
        || (prefix.Length >= 2 && prefix[0] == 0x80 && prefix[1] is >= 2 and <= 5);

    private static void ReadExactly(string path, SafeFileHandle file, byte[] buffer, long offset)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = RandomAccess.Read(file, buffer.AsSpan(read), offset + read);
            if (n == 0)
            {
                throw new ModelFormatException(path, $"ended after {offset + read} bytes, in the middle of its data.");
            }

            read += n;
        }
    }

    private sealed record Entry(string Name, string DType, long[] Shape, long Begin, long End);
}
