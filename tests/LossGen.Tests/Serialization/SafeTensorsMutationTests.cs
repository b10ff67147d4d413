using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Serialization;

/// <summary>
/// Hundreds of malformed safetensors files derived from a valid one (truncated, bytes flipped, sizes lied about, header
/// entries reordered or duplicated): each either loads or is refused with a <see cref="ModelFormatException"/> — never
/// another exception, never a leaked tensor.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class SafeTensorsMutationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-mutations").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_mutation_loads_or_raises_the_one_load_error()
    {
        byte[] valid = ValidFile();
        var mutants = new List<(string Name, byte[] Bytes)>();
        for (int length = 0; length < valid.Length; length += 3)
        {
            mutants.Add(($"truncated to {length}", valid[..length]));
        }

        int headerEnd = 8 + (int)BitConverter.ToInt64(valid, 0);
        var random = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            byte[] flipped = (byte[])valid.Clone();
            int at = random.Next(headerEnd);
            flipped[at] ^= (byte)(1 << random.Next(8));
            mutants.Add(($"bit flipped at {at}", flipped));
        }

        string header = Encoding.UTF8.GetString(valid, 8, headerEnd - 8);
        foreach ((string find, string replace) in new[]
        {
            ("[0,24]", "[0,2400000000000]"), ("[2,3]", "[3,3]"), ("[2,3]", "[-2,3]"), ("[2,3]", "[9223372036854775807,3]"),
            ("\"F32\"", "\"F16\""), ("\"F32\"", "\"I64\""), ("\"F32\"", "7"), ("\"b\"", "\"a\""), ("[24,32]", "[20,28]"),
            ("\"__metadata__\":{\"format\":\"pt\"}", "\"__metadata__\":[]"), ("\"shape\"", "\"shap\""), ("{\"dtype\"", "[{\"dtype\""),
        })
        {
            mutants.Add(($"header {find} → {replace}", WithHeader(valid, headerEnd, header.Replace(find, replace, StringComparison.Ordinal))));
        }

        mutants.Add(("header length lies", [.. BitConverter.GetBytes((long)valid.Length), .. valid[8..]]));
        mutants.Add(("trailing byte", [.. valid, 0]));

        using var leaks = new TensorLeakGuard();
        foreach ((string name, byte[] bytes) in mutants)
        {
            string path = Path.Combine(_folder, "mutant.safetensors");
            File.WriteAllBytes(path, bytes);
            try
            {
                foreach (Tensor tensor in SafeTensors.Load(path).Values)
                {
                    tensor.Dispose();
                }
            }
            catch (ModelFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{name}: {e.GetType().Name} escaped: {e.Message}");
            }
        }

        Assert.True(mutants.Count > 300);
    }

    private byte[] ValidFile()
    {
        string path = Path.Combine(_folder, "valid.safetensors");
        using (Tensor a = arange(6, dtype: ScalarType.Float32).reshape(2, 3))
        using (Tensor b = tensor(new[] { 1.5f, -2f }))
        {
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["a"] = a, ["b"] = b }, new Dictionary<string, string> { ["format"] = "pt" });
        }

        return File.ReadAllBytes(path);
    }

    [Theory]
    [InlineData("{\"__metadata__\":{\"format\":\"\\ud800\"},\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"t\\udc00\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}")]
    public void A_header_with_an_unpaired_surrogate_escape_is_a_format_error(string header)
    {
        string path = Path.Combine(_folder, "surrogate.safetensors");
        byte[] json = Encoding.UTF8.GetBytes(header);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((long)json.Length), .. json, 0, 0, 128, 63]);

        var error = Assert.Throws<ModelFormatException>(() => SafeTensors.Load(path));
        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
        Assert.Throws<ModelFormatException>(() => SafeTensors.ReadNames(path));
    }

    private static byte[] WithHeader(byte[] valid, int headerEnd, string header)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((long)json.Length), .. json, .. valid[headerEnd..]];
    }
}
