using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Tests.Golden;

/// <summary>Reads the golden files' numbers: floats as shortest decimals, non-finite values as strings.</summary>
public static class GoldenJson
{
    public static double Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            string other => double.Parse(other, CultureInfo.InvariantCulture),
            null => throw new FormatException("A null where a number was expected."),
        },
        _ => throw new FormatException($"Not a number: {element}"),
    };

    /// <summary>A nested JSON array as a float32 tensor (or int64 when <paramref name="integral"/>).</summary>
    public static Tensor ToTensor(JsonElement element, bool integral = false)
    {
        long[] shape = Shape(element);
        double[] values = Flatten(element).ToArray();
        return integral
            ? tensor(values.Select(v => (long)v).ToArray(), dtype: ScalarType.Int64).reshape(shape)
            : tensor(values.Select(v => (float)v).ToArray(), dtype: ScalarType.Float32).reshape(shape);
    }

    public static double[] Flat(JsonElement element) => Flatten(element).ToArray();

    private static long[] Shape(JsonElement element)
    {
        var shape = new System.Collections.Generic.List<long>();
        while (element.ValueKind == JsonValueKind.Array)
        {
            shape.Add(element.GetArrayLength());
            if (element.GetArrayLength() == 0)
            {
                break;
            }

            element = element[0];
        }

        return shape.ToArray();
    }

    private static System.Collections.Generic.IEnumerable<double> Flatten(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            yield return Number(element);
            yield break;
        }

        foreach (JsonElement item in element.EnumerateArray())
        {
            foreach (double value in Flatten(item))
            {
                yield return value;
            }
        }
    }
}
