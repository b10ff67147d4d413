using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.SentenceTransformers.Losses;
using LossGen.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Golden;

/// <summary>
/// Every golden case of the reference implementation, fed through <see cref="SentenceLoss.ComputeFromEmbeddings(EmbeddingBatch)"/>
/// and backward: the loss value and the gradient of every input column (and of loss-owned parameters) must match.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class GoldenLossTests
{
    public static TheoryData<string> LossCases() => Cases("loss");

    public static TheoryData<string> DataLoaderCases() => Cases("dataloader");

    [Fact]
    public void The_golden_folder_holds_cases()
    {
        Assert.True(Directory.Exists(RepositoryPaths.GoldenLosses), $"No golden folder at {RepositoryPaths.GoldenLosses}.");
        Assert.NotEmpty(LossCases());
    }

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Loss_value_and_gradients_match_the_reference(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.GoldenLosses, file)));
        JsonElement root = document.RootElement;
        using var leaks = new TensorLeakGuard();

        using SentenceLoss loss = LossFactory.Create(root.GetProperty("loss").GetString()!, root.GetProperty("params"));
        JsonElement extra = root.GetProperty("extra");
        var owned = new List<(Parameter Parameter, string GradKey)>();
        using (no_grad())
        {
            if (loss is SoftmaxLoss softmax)
            {
                softmax.Classifier.weight!.copy_(GoldenJson.ToTensor(extra.GetProperty("classifier_weight")));
                softmax.Classifier.bias!.copy_(GoldenJson.ToTensor(extra.GetProperty("classifier_bias")));
                owned.Add((softmax.Classifier.weight!, "classifier_weight_grad"));
                owned.Add((softmax.Classifier.bias!, "classifier_bias_grad"));
            }

            if (loss is ContrastiveTensionLossInBatchNegatives inBatch)
            {
                inBatch.LogitScale.copy_(GoldenJson.ToTensor(extra.GetProperty("logit_scale")));
                owned.Add((inBatch.LogitScale, "logit_scale_grad"));
            }
        }

        Tensor[] columns = root.GetProperty("columns").EnumerateArray().Select(c => GoldenJson.ToTensor(c).requires_grad_()).ToArray();
        Tensor? labels = root.GetProperty("labels").ValueKind == JsonValueKind.Null
            ? null
            : GoldenJson.ToTensor(root.GetProperty("labels"), integral: loss.Descriptor.Label is LabelKind.ClassId or LabelKind.Binary);
        Tensor[]? guide = extra.TryGetProperty("guide_columns", out JsonElement guideColumns)
            ? guideColumns.EnumerateArray().Select(c => GoldenJson.ToTensor(c)).ToArray()
            : null;

        Tensor value = loss.ComputeFromEmbeddings(new EmbeddingBatch(columns, labels, guide));
        value.backward();

        if (loss is BatchSemiHardTripletLoss && root.GetProperty("nonfinite").GetBoolean())
        {
            // Deliberate divergence (losses/README.md): no anchor-positive pair gives 0 and zero gradients, not 0/0.
            Assert.Equal(0f, value.item<float>());
            Assert.All(columns, c => Assert.Equal(0f, c.grad!.abs().max().item<float>()));
            return;
        }

        double expected = GoldenJson.Number(root.GetProperty("loss_value"));
        double expected64 = root.GetProperty("loss_value_float64_inputs").ValueKind == JsonValueKind.Null
            ? expected
            : GoldenJson.Number(root.GetProperty("loss_value_float64_inputs"));
        double actual = value.item<float>();
        AssertClose(file, "loss", [expected], [actual], Math.Abs(expected - expected64));

        double gradientNoise = root.GetProperty("grad_max_rel_diff_float64").ValueKind == JsonValueKind.Number
            ? root.GetProperty("grad_max_rel_diff_float64").GetDouble()
            : 0;
        JsonElement[] grads = root.GetProperty("grads").EnumerateArray().ToArray();
        Assert.Equal(grads.Length, columns.Length);
        for (int c = 0; c < columns.Length; c++)
        {
            double[] reference = GoldenJson.Flat(grads[c]);
            AssertGradient(file, $"column {c}", reference, columns[c].grad, gradientNoise);
        }

        foreach ((Parameter parameter, string key) in owned)
        {
            AssertGradient(file, key, GoldenJson.Flat(extra.GetProperty(key)), parameter.grad, gradientNoise);
        }
    }

    [Theory]
    [MemberData(nameof(DataLoaderCases))]
    public void Contrastive_tension_batches_match_the_reference(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.GoldenLosses, file)));
        JsonElement root = document.RootElement;
        Assert.Equal("ContrastiveTensionDataLoader", root.GetProperty("class").GetString());
        string[] sentences = root.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!).ToArray();
        JsonElement parameters = root.GetProperty("params");
        int batchSize = parameters.GetProperty("batch_size").GetInt32();
        int ratio = parameters.TryGetProperty("pos_neg_ratio", out JsonElement r) ? r.GetInt32() : 8;

        if (root.GetProperty("raises").ValueKind != JsonValueKind.Null)
        {
            Assert.Throws<ArgumentException>(() => new ContrastiveTensionDataLoader(sentences, batchSize, ratio));
            return;
        }

        string[] before = [.. sentences];
        var loader = new ContrastiveTensionDataLoader(sentences, batchSize, ratio);
        Assert.Equal(root.GetProperty("len").GetInt32(), loader.Count);
        var expected = root.GetProperty("batches").EnumerateArray()
            .Select(b => b.EnumerateArray().Select(e => (e[0].GetString()!, e[1].GetString()!, e[2].GetInt32() == 1)).ToArray())
            .ToArray();
        var actual = loader.Select(b => b.Select(e => (e.Sentence1, e.Sentence2, e.IsSimilar)).ToArray()).ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(before, sentences);
    }

    private static void AssertGradient(string file, string what, double[] reference, Tensor? gradient, double noise)
    {
        Assert.True(gradient is not null, $"{file}: {what} received no gradient.");
        double[] actual = gradient!.to(ScalarType.Float64).data<double>().ToArray();
        double scale = reference.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        AssertClose(file, what, reference, actual, scale * Math.Max(1e-5, 10 * noise));
    }

    // |actual − reference| ≤ floor + 1e-4·|reference|, the floor sized from float32-vs-float64 noise; NaN must match NaN.
    private static void AssertClose(string file, string what, double[] reference, double[] actual, double floor)
    {
        Assert.Equal(reference.Length, actual.Length);
        double absoluteFloor = Math.Max(floor * 10, 1e-6);
        for (int i = 0; i < reference.Length; i++)
        {
            double expected = reference[i], value = actual[i];
            if (double.IsNaN(expected) || double.IsInfinity(expected))
            {
                Assert.True(expected.Equals(value), $"{file}: {what}[{i}] is {value}, the reference {expected}.");
                continue;
            }

            double tolerance = absoluteFloor + (1e-4 * Math.Abs(expected));
            Assert.True(Math.Abs(value - expected) <= tolerance, $"{file}: {what}[{i}] is {value:R}, the reference {expected:R} (tolerance {tolerance:G3}).");
        }
    }

    private static TheoryData<string> Cases(string kind)
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(RepositoryPaths.GoldenLosses))
        {
            return data;
        }

        foreach (string path in Directory.GetFiles(RepositoryPaths.GoldenLosses, "*.json").Order(StringComparer.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.GetProperty("kind").GetString() == kind)
            {
                data.Add(Path.GetFileName(path));
            }
        }

        return data;
    }
}
