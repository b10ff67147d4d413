using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using LossGen.CrossEncoders.Losses;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.CrossEncoders;

/// <summary>
/// Every golden cross-encoder loss case (the real sentence-transformers v6.0.0 classes over a table of logits): the
/// pairs the loss asks the model to score, in order; the value; and the gradient of every scored logit.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class GoldenCrossEncoderLossTests
{
    public static TheoryData<string> Cases() => new(Directory.Exists(RepositoryPaths.GoldenCrossEncoderLosses)
        ? Directory.GetFiles(RepositoryPaths.GoldenCrossEncoderLosses, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
        : []);

    [Fact]
    public void The_golden_cross_encoder_loss_folder_holds_cases()
    {
        Assert.True(Directory.Exists(RepositoryPaths.GoldenCrossEncoderLosses), $"No golden folder at {RepositoryPaths.GoldenCrossEncoderLosses}.");
        Assert.NotEmpty(Cases());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pairs_value_and_logit_gradients_match_the_reference(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.GoldenCrossEncoderLosses, file)));
        JsonElement root = document.RootElement;
        using var leaks = new TensorLeakGuard();
        int numLabels = root.GetProperty("num_labels").GetInt32();
        (string, string)[] pairs = root.GetProperty("pairs").EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!)).ToArray();
        float[][] logits = root.GetProperty("logits").EnumerateArray().Select(Floats).ToArray();
        var table = new Dictionary<(string, string), float[]>();
        for (int i = 0; i < pairs.Length; i++)
        {
            table[pairs[i]] = logits[i];
        }

        using var scorer = new TableScorer(numLabels, table);
        using CrossEncoderLoss loss = Create(root.GetProperty("loss").GetString()!, root.GetProperty("params"), scorer);
        Tensor value = loss.Compute(Batch(root, loss.Descriptor));
        value.backward();

        // The first pass's pairs (GradCache scores them without a graph first, then replays them with one).
        var first = scorer.Calls.Any(c => !c.GradEnabled) ? scorer.Calls.Where(c => !c.GradEnabled) : scorer.Calls;
        Assert.Equal(pairs, first.SelectMany(c => c.Pairs).ToArray());
        AssertClose($"{file}: loss", Number(root.GetProperty("loss_value")), value.item<float>());

        float[] grads = scorer.Calls.Where(c => c.GradEnabled).SelectMany(c => c.Leaf.grad is { } g ? g.data<float>().ToArray() : new float[c.Pairs.Count * numLabels]).ToArray();
        float[] expected = root.GetProperty("grads").EnumerateArray().SelectMany(Floats).ToArray();
        Assert.Equal(expected.Length, grads.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose($"{file}: grad[{i}]", expected[i], grads[i]);
        }
    }

    private static CrossEncoderBatch Batch(JsonElement root, LossDescriptor descriptor)
    {
        JsonElement inputs = root.GetProperty("inputs");
        JsonElement labels = root.GetProperty("labels");
        if (descriptor.Pairing == Pairing.Listwise)
        {
            return new CrossEncoderBatch(
                [Strings(inputs[0])],
                Documents: inputs[1].EnumerateArray().Select(Strings).ToArray(),
                LabelLists: labels.EnumerateArray().Select(Floats).ToArray());
        }

        IReadOnlyList<string>[] columns = inputs.EnumerateArray().Select(Strings).ToArray();
        Tensor? labelTensor = labels.ValueKind == JsonValueKind.Null ? null : LabelTensor(labels, root.GetProperty("labels_dtype").GetString());
        int[][]? sampled = root.GetProperty("extra").TryGetProperty("sampled_negative_indices", out JsonElement drawn) && drawn.ValueKind == JsonValueKind.Array
            ? drawn.EnumerateArray().Select(r => r.EnumerateArray().Select(i => i.GetInt32()).ToArray()).ToArray()
            : null;
        return new CrossEncoderBatch(columns, labelTensor, SampledNegatives: sampled);
    }

    private static Tensor LabelTensor(JsonElement labels, string? dtype)
    {
        bool nested = labels[0].ValueKind == JsonValueKind.Array;
        float[] values = nested ? labels.EnumerateArray().SelectMany(Floats).ToArray() : Floats(labels);
        Tensor flat = dtype == "int64" ? tensor(values.Select(v => (long)v).ToArray()) : tensor(values);
        return nested ? flat.reshape(labels.GetArrayLength(), -1) : flat;
    }

    private static CrossEncoderLoss Create(string name, JsonElement parameters, ICrossEncoderScorer model)
    {
        Type type = typeof(LossGen.CrossEncoders.Losses.BinaryCrossEntropyLoss).Assembly.GetType("LossGen.CrossEncoders.Losses." + name)
            ?? throw new InvalidOperationException($"No cross-encoder loss named {name}.");
        ConstructorInfo constructor = type.GetConstructors().Single();
        object?[] arguments = constructor.GetParameters().Select(p => p.Position == 0 ? model : Argument(p, parameters)).ToArray();
        return (CrossEncoderLoss)constructor.Invoke(arguments);
    }

    private static object? Argument(ParameterInfo parameter, JsonElement parameters)
    {
        JsonProperty? given = parameters.EnumerateObject().Cast<JsonProperty?>().FirstOrDefault(p => p!.Value.Name.Replace("_", string.Empty, StringComparison.Ordinal).Equals(parameter.Name, StringComparison.OrdinalIgnoreCase));
        if (given is not { } property)
        {
            // Reflection gives a nullable enum's default as its underlying integer.
            Type type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            return !parameter.HasDefaultValue ? throw new InvalidOperationException($"No value for {parameter.Name}.")
                : type.IsEnum && parameter.DefaultValue is int member ? Enum.ToObject(type, member)
                : parameter.DefaultValue;
        }

        JsonElement value = property.Value;
        Type target = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String when target.IsEnum => Enum.Parse(target, value.GetString()!, ignoreCase: true),
            JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
            JsonValueKind.Number when target == typeof(int) => value.GetInt32(),
            JsonValueKind.Number => (float)value.GetDouble(),
            _ => throw new InvalidOperationException($"Cannot pass {value} as {parameter.Name}."),
        };
    }

    private static string[] Strings(JsonElement column) => column.EnumerateArray().Select(s => s.GetString()!).ToArray();

    private static float[] Floats(JsonElement values) => values.ValueKind == JsonValueKind.Array ? values.EnumerateArray().Select(Number).ToArray() : [Number(values)];

    private static float Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? float.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : (float)value.GetDouble();

    private static void AssertClose(string what, float expected, float actual)
    {
        bool same = float.IsNaN(expected) ? float.IsNaN(actual)
            : float.IsInfinity(expected) ? expected == actual
            : Math.Abs(expected - actual) <= 1e-5 + (1e-4 * Math.Abs(expected));
        Assert.True(same, $"{what}: {actual} vs the reference's {expected}");
    }
}
