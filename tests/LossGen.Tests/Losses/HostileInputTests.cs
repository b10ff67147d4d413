using Microsoft.Extensions.Logging;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.Diagnostics;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tests.Golden;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Losses;

/// <summary>
/// Bad inputs to losses end in a <see cref="LossInputException"/> (or, for constructor arguments, an
/// <see cref="ArgumentException"/>) that names the loss and what is wrong: never NaN or Inf returned silently, never a
/// raw TorchSharp error; and no tensor outlives the call.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class HostileInputTests
{
    public static TheoryData<string, string> NonFiniteCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (string file in Directory.GetFiles(RepositoryPaths.GoldenLosses, "*__public.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!)
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.GoldenLosses, file!)));
            if (document.RootElement.GetProperty("kind").GetString() == "loss" && !document.RootElement.GetProperty("nonfinite").GetBoolean()
                && !LossGen.Tests.Golden.SupersededByV6.Refused(document.RootElement))
            {
                cases.Add(file!, "NaN");
                cases.Add(file!, "Infinity");
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(NonFiniteCases))]
    public void A_non_finite_embedding_is_named_by_loss_column_and_row(string file, string value)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.GoldenLosses, file)));
        JsonElement root = document.RootElement;
        using var leaks = new TensorLeakGuard();
        using SentenceLoss loss = LossFactory.Create(root.GetProperty("loss").GetString()!, root.GetProperty("params"));
        Tensor[] columns = root.GetProperty("columns").EnumerateArray().Select(c => GoldenJson.ToTensor(c)).ToArray();
        int column = columns.Length - 1;
        long row = columns[column].shape[0] - 1;
        columns[column][row, 0] = tensor(value == "NaN" ? float.NaN : float.PositiveInfinity);
        Tensor? labels = root.GetProperty("labels").ValueKind == JsonValueKind.Null
            ? null
            : GoldenJson.ToTensor(root.GetProperty("labels"), integral: loss.Descriptor.Label is LabelKind.ClassId or LabelKind.Binary);
        JsonElement extra = root.GetProperty("extra");
        Tensor[]? guide = extra.TryGetProperty("guide_columns", out JsonElement g) ? g.EnumerateArray().Select(c => GoldenJson.ToTensor(c)).ToArray() : null;

        var error = Assert.Throws<LossInputException>(() => loss.ComputeFromEmbeddings(new EmbeddingBatch(columns, labels, guide)));

        // A wrapper's inner loss sees the embeddings first and names itself.
        string name = root.GetProperty("params").TryGetProperty("loss", out JsonElement inner) ? inner.GetString()! : loss.Descriptor.Name;
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains($"column {column}, row {row}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_vector_under_AnglE_and_an_overflow_under_MSE_are_explained()
    {
        using var leaks = new TensorLeakGuard();
        using var angle = new AnglELoss(model: null);
        Tensor a = tensor(new float[,] { { 0, 0, 0, 0 }, { 1, 2, 3, 4 } });
        Tensor b = tensor(new float[,] { { 1, 0, 1, 0 }, { 4, 3, 2, 1 } });
        var zero = Assert.Throws<LossInputException>(() => angle.ComputeFromEmbeddings([a, b], tensor(new[] { 0.2f, 0.9f })));
        Assert.Contains("zero vector", zero.Message, StringComparison.Ordinal);

        using var mse = new MSELoss(model: null);
        var overflow = Assert.Throws<LossInputException>(() => mse.ComputeFromEmbeddings([full(2, 4, 3e30f)], full(2, 4, -3e30f)));
        Assert.Contains("MSELoss", overflow.Message, StringComparison.Ordinal);
        Assert.Contains("overflows", overflow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchSemiHardTripletLoss_without_a_positive_pair_is_zero_with_zero_gradients_and_a_warning()
    {
        var logger = new CapturingLoggerFactory();
        LossGenLogging.Configure(logger);
        try
        {
            using var leaks = new TensorLeakGuard();
            using var loss = new BatchSemiHardTripletLoss(model: null);
            Tensor embeddings = randn(4, 8).requires_grad_();
            Tensor value = loss.ComputeFromEmbeddings([embeddings], tensor(new long[] { 0, 1, 2, 3 }));
            value.backward();

            Assert.Equal(0f, value.item<float>());
            Assert.Equal(0f, embeddings.grad!.abs().max().item<float>());
            Assert.Contains(logger.Messages, m => m.Contains("no anchor-positive pair", StringComparison.Ordinal));
        }
        finally
        {
            LossGenLogging.Configure(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        }
    }

    [Theory]
    [InlineData("ContrastiveLoss", 2L)]
    [InlineData("ContrastiveLoss", -1L)]
    [InlineData("OnlineContrastiveLoss", 2L)]
    [InlineData("ContrastiveTensionLoss", -1L)]
    public void A_binary_label_other_than_0_or_1_is_refused(string name, long label)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceLoss loss = LossFactory.Create(name, default);
        Tensor a = randn(3, 4), b = randn(3, 4);
        var error = Assert.Throws<LossInputException>(() => loss.ComputeFromEmbeddings([a, b], tensor(new[] { 0L, 1L, label })));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3L)]
    [InlineData(-1L)]
    [InlineData(-100L)]
    public void A_SoftmaxLoss_label_outside_num_labels_is_refused(long label)
    {
        using var leaks = new TensorLeakGuard();
        using var loss = new SoftmaxLoss(model: null, sentenceEmbeddingDimension: 4, numLabels: 3);
        var error = Assert.Throws<LossInputException>(() => loss.ComputeFromEmbeddings([randn(2, 4), randn(2, 4)], tensor(new[] { 0L, label })));
        Assert.Contains("num_labels", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dimension_mismatches_and_zero_width_embeddings_are_caught_before_TorchSharp()
    {
        using var leaks = new TensorLeakGuard();
        using var softmax = new SoftmaxLoss(model: null, sentenceEmbeddingDimension: 4, numLabels: 3);
        Assert.Contains("sentence_embedding_dimension", Assert.Throws<LossInputException>(() => softmax.ComputeFromEmbeddings([randn(2, 6), randn(2, 6)], tensor(new[] { 0L, 1L }))).Message, StringComparison.Ordinal);

        using var mse = new MSELoss(model: null);
        Assert.Contains("teacher", Assert.Throws<LossInputException>(() => mse.ComputeFromEmbeddings([randn(2, 4)], randn(2, 8))).Message, StringComparison.Ordinal);

        using var distill = new DistillKLDivLoss(model: null);
        Assert.Contains("DistillKLDivLoss", Assert.Throws<LossInputException>(() => distill.ComputeFromEmbeddings([randn(2, 4), randn(2, 4), randn(2, 4)], randn(2, 3))).Message, StringComparison.Ordinal);

        using var mnrl = new MultipleNegativesRankingLoss(model: null);
        Assert.Contains("zero-width", Assert.Throws<LossInputException>(() => mnrl.ComputeFromEmbeddings([zeros(2, 0), zeros(2, 0)])).Message, StringComparison.Ordinal);
        Assert.Contains("same model", Assert.Throws<LossInputException>(() => mnrl.ComputeFromEmbeddings([randn(2, 4), randn(2, 5)])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matryoshka_weights_and_dims_are_checked_naming_the_loss_and_parameter()
    {
        using var inner = new MultipleNegativesRankingLoss(model: null);
        foreach ((int[] dims, float[]? weights, string parameter) in new (int[], float[]?, string)[]
        {
            ([8, 4], [1f, float.NaN], "matryoshka_weights"),
            ([8, 4], [1f, -1f], "matryoshka_weights"),
            ([8, 4], [1f], "matryoshka_weights"),
            ([8, 8], null, "matryoshka_dims"),
            ([8, 0], null, "matryoshka_dims"),
        })
        {
            var error = Assert.ThrowsAny<ArgumentException>(() => new MatryoshkaLoss(null, inner, dims, weights));
            Assert.Contains("MatryoshkaLoss", error.Message, StringComparison.Ordinal);
            Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_failure_inside_MatryoshkaLoss_says_where_it_happened()
    {
        using var leaks = new TensorLeakGuard();
        using var inner = new MultipleNegativesRankingLoss(model: null);
        using var matryoshka = new MatryoshkaLoss(null, inner, [8, 4]);
        using Tensor anchors = randn(2, 8), positives = randn(2, 8);
        positives[1, 2] = float.NaN;

        string nan = Assert.Throws<LossInputException>(() => matryoshka.ComputeFromEmbeddings([anchors, positives]).Dispose()).Message;
        Assert.StartsWith("MatryoshkaLoss at dimension 8 of matryoshka_dims: MultipleNegativesRankingLoss", nan, StringComparison.Ordinal);

        using Tensor narrow = randn(2, 4);
        string tooWide = Assert.Throws<LossInputException>(() => matryoshka.ComputeFromEmbeddings([narrow, narrow]).Dispose()).Message;
        Assert.Contains("matryoshka_dims holds 8, which exceeds the embeddings' dimension 4", tooWide, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_enum_hyper_parameter_lists_the_valid_values()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GISTEmbedLoss(null, null, marginStrategy: (MarginStrategy)7));
        Assert.Contains("margin_strategy", error.Message, StringComparison.Ordinal);
        Assert.Contains("MarginStrategy.Absolute ('absolute')", error.Message, StringComparison.Ordinal);
        Assert.Contains("MarginStrategy.Relative ('relative')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ContrastiveTensionDataLoader_over_no_sentences_or_a_null_one_is_refused()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new ContrastiveTensionDataLoader([], 4, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("sentence 1 is null", Assert.Throws<ArgumentException>(() => new ContrastiveTensionDataLoader(["a", null!, "c"], 1, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hashing_encoder_under_CachedMNRL_leaves_no_tensor_behind_even_without_backward()
    {
        using var model = new HashingEncoder(dimension: 16, buckets: 256);
        using var loss = new CachedMultipleNegativesRankingLoss(model, miniBatchSize: 2);
        using var leaks = new TensorLeakGuard();
        Tensor value = loss.Compute(new TextBatch([["a b", "c d", "e f"], ["a", "c", "e"]], null));
        Assert.True(float.IsFinite(value.item<float>()));
    }

    [Fact]
    public void A_hashing_encoder_under_CachedMNRL_leaves_no_tensor_behind()
    {
        using var model = new HashingEncoder(dimension: 16, buckets: 256);
        using var loss = new CachedMultipleNegativesRankingLoss(model, miniBatchSize: 2);
        using var leaks = new TensorLeakGuard();
        Tensor value = loss.Compute(new TextBatch([["a b", "c d", "e f"], ["a", "c", "e"]], null));
        value.backward();
        foreach (var parameter in model.parameters())
        {
            parameter.grad?.Dispose();
            parameter.grad = null;
        }
    }
}
