using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Serialization.Onnx;
using Xunit;

namespace LossGen.Tests.Serialization;

/// <summary>A small ONNX model and every truncation and lie about it: parsed, or refused with <see cref="ModelFormatException"/>.</summary>
public sealed class OnnxGraphMutationTests
{
    [Fact]
    public void A_well_formed_model_parses()
    {
        OnnxGraph graph = OnnxGraph.Parse(Model(Tensor("w", [2, 3], new byte[24])));
        Assert.Equal([2L, 3L], graph.Initializers["w"].Dims);
    }

    [Theory]
    [InlineData("negative-dimension")]
    [InlineData("raw-data-too-short")]
    [InlineData("raw-data-too-long")]
    [InlineData("dimensions-overflow")]
    [InlineData("length-past-the-end")]
    [InlineData("invalid-utf8-name")]
    public void A_lying_initializer_is_refused(string defect)
    {
        byte[] model = defect switch
        {
            "negative-dimension" => Model(Tensor("w", [-2, 3], new byte[24])),
            "raw-data-too-short" => Model(Tensor("w", [2, 3], new byte[20])),
            "raw-data-too-long" => Model(Tensor("w", [2, 3], new byte[28])),
            "dimensions-overflow" => Model(Tensor("w", [long.MaxValue, long.MaxValue], new byte[4])),
            "length-past-the-end" => [0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00],
            _ => Model([.. Field(8, [0xC3, 0x28]), 0x10, 0x01]),
        };

        Assert.Throws<ModelFormatException>(() => OnnxGraph.Parse(model));
    }

    [Fact]
    public void Every_truncation_and_bit_flip_parses_or_raises_the_one_load_error()
    {
        byte[] valid = Model(Tensor("w", [2, 3], new byte[24]), Tensor("b", [3], new byte[12]));
        var mutants = Enumerable.Range(0, valid.Length).Select(n => valid[..n]).ToList();
        for (int i = 0; i < valid.Length; i++)
        {
            for (int bit = 0; bit < 8; bit += 3)
            {
                byte[] flipped = (byte[])valid.Clone();
                flipped[i] ^= (byte)(1 << bit);
                mutants.Add(flipped);
            }
        }

        foreach (byte[] mutant in mutants)
        {
            try
            {
                OnnxGraph.Parse(mutant);
            }
            catch (ModelFormatException)
            {
            }
        }
    }

    private static byte[] Model(params byte[][] tensors) => Field(7, tensors.SelectMany(t => Field(5, t)).ToArray());

    private static byte[] Tensor(string name, long[] dims, byte[] raw) =>
        [.. dims.SelectMany(d => (byte[])[0x08, .. Varint((ulong)d)]), 0x10, 0x01, .. Field(8, System.Text.Encoding.UTF8.GetBytes(name)), .. Field(9, raw)];

    private static byte[] Field(int number, byte[] payload) => [.. Varint((ulong)((number << 3) | 2)), .. Varint((ulong)payload.Length), .. payload];

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
