using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Serialization;

/// <summary>
/// Reads and writes the safetensors format (an 8-byte header length, a JSON header, raw little-endian data). Reading is
/// hardened: the header length is bounded, every tensor's offsets must lie inside the data area without overlapping,
/// and sizes must match dtype and shape. Only float32 tensors are read; pickled checkpoints are never loaded.
/// </summary>
public static class SafeTensors
{
    /// <summary>The largest header accepted (100 MB, as the reference implementation).</summary>
    public const long MaxHeaderLength = 100_000_000;

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

    /// <summary>Reads every tensor of a safetensors file as float32 CPU tensors.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 8)
        {
            throw new InvalidDataException($"{path}: too short for a safetensors file ({file.Length} bytes).");
        }

        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(file);
        if (headerLength <= 0 || headerLength > MaxHeaderLength || headerLength > file.Length - 8)
        {
            throw new InvalidDataException($"{path}: the header length {headerLength} is not within (0, {Math.Min(MaxHeaderLength, file.Length - 8)}].");
        }

        long dataStart = 8 + headerLength;
        long dataLength = file.Length - dataStart;
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var ranges = new List<(long Start, long End, string Name)>();
        try
        {
            using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
            foreach (JsonProperty entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    continue;
                }

                string dtype = entry.Value.GetProperty("dtype").GetString() ?? string.Empty;
                long[] shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                long[] offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                if (dtype != "F32")
                {
                    throw new InvalidDataException($"{path}: tensor {entry.Name} is {dtype}; LossGen reads float32 (F32) weights.");
                }

                long count = shape.Aggregate(1L, (a, b) => b < 0 ? throw new InvalidDataException($"{path}: tensor {entry.Name} has a negative dimension.") : checked(a * b));
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                {
                    throw new InvalidDataException($"{path}: tensor {entry.Name} has offsets [{string.Join(", ", offsets)}] outside the {dataLength}-byte data area.");
                }

                if (offsets[1] - offsets[0] != count * sizeof(float))
                {
                    throw new InvalidDataException($"{path}: tensor {entry.Name} spans {offsets[1] - offsets[0]} bytes but its shape [{string.Join(", ", shape)}] needs {count * sizeof(float)}.");
                }

                ranges.Add((offsets[0], offsets[1], entry.Name));
                float[] values = new float[count];
                Buffer.BlockCopy(file, (int)(dataStart + offsets[0]), values, 0, (int)(count * sizeof(float)));
                result[entry.Name] = tensor(values, dtype: ScalarType.Float32).reshape(shape).DetachFromDisposeScope();
            }
        }
        catch (JsonException e)
        {
            DisposeAll(result);
            throw new InvalidDataException($"{path}: the safetensors header is not valid JSON: {e.Message}", e);
        }
        catch
        {
            DisposeAll(result);
            throw;
        }

        var sorted = ranges.OrderBy(r => r.Start).ToArray();
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Start < sorted[i - 1].End)
            {
                DisposeAll(result);
                throw new InvalidDataException($"{path}: tensors {sorted[i - 1].Name} and {sorted[i].Name} overlap.");
            }
        }

        return result;
    }

    private static void DisposeAll(Dictionary<string, Tensor> tensors)
    {
        foreach (Tensor tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }
}
