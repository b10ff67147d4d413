using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.SentenceTransformers.Losses;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Golden;

/// <summary>
/// One golden loss case of either reference release, fed through <see cref="SentenceLoss.ComputeComponents(EmbeddingBatch)"/>
/// and backward: the value (and each named component), the gradient of every input column, of the loss's own parameters
/// (classifier, logit scale, projection) and of labels that the reference detaches.
/// </summary>
public static class GoldenLossCase
{
    public static JsonElement Read(string folder, string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file)));
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Runs the case and compares everything it records, or, for a documented divergence, hands the value and the
    /// column gradients to <paramref name="divergence"/> to assert instead.
    /// </summary>
    public static void Check(string file, JsonElement root, Action<double, IReadOnlyList<Tensor?>>? divergence = null)
    {
        using SentenceLoss loss = LossFactory.Create(root.GetProperty("loss").GetString()!, root.GetProperty("params"));
        JsonElement extra = root.GetProperty("extra");
        var owned = new List<(Parameter Parameter, string GradKey)>();
        using (no_grad())
        {
            if (loss is SoftmaxLoss softmax)
            {
                Own(softmax.Classifier.weight!, "classifier_weight", extra, owned);
                Own(softmax.Classifier.bias!, "classifier_bias", extra, owned);
            }

            if (loss is ContrastiveTensionLossInBatchNegatives inBatch)
            {
                Own(inBatch.LogitScale, "logit_scale", extra, owned);
            }

            if (loss is IProjectsStudent student && extra.TryGetProperty("projection_weight", out JsonElement weight))
            {
                Linear projection = student.CreateProjection(weight[0].GetArrayLength());
                Own(projection.weight!, "projection_weight", extra, owned);
                Own(projection.bias!, "projection_bias", extra, owned);
            }
        }

        Tensor[] given = root.GetProperty("columns").EnumerateArray().Select(c => GoldenJson.ToTensor(c).requires_grad_()).ToArray();
        // ContrastiveTensionLossInBatchNegatives (v5.3+) embeds its one column with both model copies, equal at the start.
        bool twoCopies = loss is ContrastiveTensionLossInBatchNegatives && given.Length == 1;
        Tensor[] columns = twoCopies ? [given[0], given[0].detach().clone().requires_grad_()] : given;
        Tensor? labels = root.GetProperty("labels").ValueKind == JsonValueKind.Null
            ? null
            : GoldenJson.ToTensor(root.GetProperty("labels"), integral: loss.Descriptor.Label is LabelKind.ClassId or LabelKind.Binary);
        if (labels is not null && extra.TryGetProperty("labels_grad", out _))
        {
            labels.requires_grad_();
        }

        Tensor[]? guide = extra.TryGetProperty("guide_columns", out JsonElement guideColumns)
            ? guideColumns.EnumerateArray().Select(c => GoldenJson.ToTensor(c)).ToArray()
            : null;

        // Two calls of one loss object before one backward (GradCache's per-call cache, v5.7): each call its own columns.
        int[][] calls = extra.TryGetProperty("calls", out JsonElement callList)
            ? callList.EnumerateArray().Select(c => c.EnumerateArray().Select(i => i.GetInt32()).ToArray()).ToArray()
            : [Enumerable.Range(0, columns.Length).ToArray()];
        var components = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        Tensor? value = null;
        foreach (int[] call in calls)
        {
            var batch = new EmbeddingBatch(call.Select(i => columns[i]).ToArray(), labels, guide is null ? null : call.Select(i => guide[i]).ToArray());
            IReadOnlyDictionary<string, Tensor> parts = loss.ComputeComponents(batch);
            Tensor sum = parts.Values.Aggregate((a, b) => a + b);
            value = value is null ? sum : value + sum;
            if (calls.Length > 1)
            {
                components[calls.Length == 2 && call == calls[0] ? "first_call" : "second_call"] = sum;
            }
            else
            {
                foreach ((string name, Tensor part) in parts)
                {
                    components[name] = part;
                }
            }
        }

        value!.backward();
        Tensor?[] gradients = twoCopies ? [columns[0].grad! + columns[1].grad!] : columns.Select(c => c.grad).ToArray();
        if (divergence is not null)
        {
            divergence(value.item<float>(), gradients);
            return;
        }

        double expected = GoldenJson.Number(root.GetProperty("loss_value"));
        double expected64 = root.GetProperty("loss_value_float64_inputs").ValueKind == JsonValueKind.Null ? expected : GoldenJson.Number(root.GetProperty("loss_value_float64_inputs"));
        AssertClose(file, "loss", [expected], [value.item<float>()], Math.Abs(expected - expected64));
        if (root.TryGetProperty("components", out JsonElement expectedComponents) && expectedComponents.ValueKind == JsonValueKind.Object)
        {
            Assert.Equal(expectedComponents.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), components.Keys.Order(StringComparer.Ordinal));
            foreach (JsonProperty component in expectedComponents.EnumerateObject())
            {
                AssertClose(file, component.Name, [GoldenJson.Number(component.Value)], [components[component.Name].item<float>()], Math.Abs(expected - expected64));
            }
        }

        double noise = root.GetProperty("grad_max_rel_diff_float64").ValueKind == JsonValueKind.Number ? root.GetProperty("grad_max_rel_diff_float64").GetDouble() : 0;
        JsonElement[] grads = root.GetProperty("grads").EnumerateArray().ToArray();
        Assert.Equal(grads.Length, gradients.Length);
        for (int c = 0; c < gradients.Length; c++)
        {
            AssertGradient(file, $"column {c}", GoldenJson.Flat(grads[c]), gradients[c], noise);
        }

        if (twoCopies)
        {
            AssertGradient(file, "grad_via_model2", GoldenJson.Flat(extra.GetProperty("grad_via_model2")), columns[0].grad, noise);
            AssertGradient(file, "grad_via_model1", GoldenJson.Flat(extra.GetProperty("grad_via_model1")), columns[1].grad, noise);
        }

        foreach ((Parameter parameter, string key) in owned)
        {
            AssertGradient(file, key, GoldenJson.Flat(extra.GetProperty(key)), parameter.grad, noise);
        }

        if (labels is not null && extra.TryGetProperty("labels_grad", out JsonElement labelsGrad))
        {
            // The reference detaches teacher labels: no gradient reaches them.
            Assert.True(GoldenJson.Flat(labelsGrad).All(g => g == 0), $"{file}: the reference's labels_grad is not zero.");
            Assert.True(labels.grad is null || labels.grad.abs().max().item<float>() == 0, $"{file}: the labels received a gradient; the teacher must be detached.");
        }
    }

    private static void Own(Parameter parameter, string key, JsonElement extra, List<(Parameter, string)> owned)
    {
        if (extra.TryGetProperty(key, out JsonElement value))
        {
            parameter.copy_(GoldenJson.ToTensor(value));
            owned.Add((parameter, key + "_grad"));
        }
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
}
