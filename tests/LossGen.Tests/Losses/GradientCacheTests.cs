using System;
using System.Collections.Generic;
using System.Linq;
using LossGen;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Losses;

/// <summary>
/// The gradient-cached losses on a real (small) encoder with dropout active: their parameter gradients equal the
/// uncached twin's on the same batch with the same dropout masks, which holds only if the replay restores the random state.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class GradientCacheTests
{
    private static readonly string[] Anchors = Enumerable.Range(0, 11).Select(i => $"question number {i} about topic {i % 4}").ToArray();
    private static readonly string[] Positives = Enumerable.Range(0, 11).Select(i => $"an answer for question {i} on topic {i % 4}").ToArray();

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(32)]
    public void Cached_MNRL_gradients_equal_the_uncached_loss_with_the_same_dropout_masks(int miniBatchSize)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer encoder = TinyBert.Create(seed: 13, dropout: 0.2);
        encoder.SetTraining(true);
        var batch = new TextBatch([TinyBert.Sentences(11), TinyBert.Sentences(11, offset: 3)]);

        manual_seed(7);
        using (var uncached = new MultipleNegativesRankingLoss(encoder))
        {
            // Embed in the same chunks, in the same order, as the cached loss's first pass: the same dropout masks.
            Tensor[] columns = batch.Columns.Select(texts => cat(texts.Chunk(miniBatchSize).Select(c => encoder.Encode(c)).ToArray(), 0)).ToArray();
            uncached.ComputeFromEmbeddings(columns).backward();
        }

        Tensor[] expected = encoder.parameters().Select(p => p.grad!.clone()).ToArray();
        encoder.zero_grad();

        manual_seed(7);
        using var cached = new CachedMultipleNegativesRankingLoss(encoder, miniBatchSize: miniBatchSize);
        Tensor before = get_rng_state();
        Tensor loss = cached.Compute(batch);
        Tensor afterForward = get_rng_state();
        loss.backward();

        Tensor[] actual = encoder.parameters().Select(p => p.grad!).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(allclose(actual[i], expected[i], rtol: 1e-4, atol: 1e-6), $"parameter {i} gradients differ");
        }

        Assert.True(afterForward.eq(get_rng_state()).all().item<bool>(), "the replay must leave the random state as it found it");
        Assert.False(before.eq(afterForward).all().item<bool>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(37)]
    [InlineData(100000)]
    public void Token_budget_mini_batches_give_the_row_count_version_s_loss_and_gradients(int tokenBudget)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer encoder = TinyBert.Create(seed: 13);
        var batch = new TextBatch([TinyBert.Sentences(11), TinyBert.Sentences(11, offset: 3)]);

        using var byRows = new CachedMultipleNegativesRankingLoss(encoder, miniBatchSize: 4);
        using var byTokens = new CachedMultipleNegativesRankingLoss(encoder, miniBatchSize: 4, miniBatchNumTokens: tokenBudget);
        Assert.Equal(tokenBudget, byTokens.GetConfigDictionary()["mini_batch_num_tokens"]);
        AssertSameLossAndGradients(encoder, () => byRows.Compute(batch), () => byTokens.Compute(batch));
    }

    [Theory]
    [InlineData(3, null)]
    [InlineData(50, null)]
    [InlineData(4, 25)]
    public void Mini_batched_MegaBatchMargin_embeds_with_GradCache_and_equals_the_whole_batch(int miniBatchSize, int? tokenBudget)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer encoder = TinyBert.Create(seed: 17);
        var batch = new TextBatch([TinyBert.Sentences(9), TinyBert.Sentences(9, offset: 2)]);

        using var whole = new MegaBatchMarginLoss(encoder, useMiniBatchedVersion: false);
        using var mini = new MegaBatchMarginLoss(encoder, miniBatchSize: miniBatchSize, miniBatchNumTokens: tokenBudget);
        AssertSameLossAndGradients(encoder, () => whole.Compute(batch), () => mini.Compute(batch));
    }

    // Both losses' values and the model gradients each leaves, back-propagated one after the other.
    private static void AssertSameLossAndGradients(SentenceTransformer encoder, Func<Tensor> expectedLoss, Func<Tensor> actualLoss)
    {
        Tensor expectedValue = expectedLoss();
        expectedValue.backward();
        Tensor[] expected = encoder.parameters().Select(p => p.grad!.clone()).ToArray();
        encoder.zero_grad();

        Tensor actualValue = actualLoss();
        actualValue.backward();
        Assert.Equal(expectedValue.item<float>(), actualValue.item<float>(), 5);
        Tensor[] actual = encoder.parameters().Select(p => p.grad!).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(allclose(actual[i], expected[i], rtol: 1e-4, atol: 1e-6), $"parameter {i} gradients differ");
        }
    }

    [Fact]
    public void Token_budget_ranges_pack_in_order_and_give_an_oversized_text_its_own_mini_batch()
    {
        Assert.Equal([(0, 2), (2, 1), (3, 1), (4, 2)], LossGen.Training.MiniBatchRanges.Of([3, 4, 9, 20, 5, 5], miniBatchSize: 2, miniBatchNumTokens: 10));
        Assert.Equal([(0, 4), (4, 2)], LossGen.Training.MiniBatchRanges.Of([3, 4, 9, 20, 5, 5], miniBatchSize: 4, miniBatchNumTokens: null));
        Assert.Equal([(0, 6)], LossGen.Training.MiniBatchRanges.Of([3, 4, 9, 20, 5, 5], miniBatchSize: 1, miniBatchNumTokens: 46));
    }

    [Fact]
    public void A_token_budget_on_a_model_that_cannot_count_tokens_is_refused_by_name()
    {
        using var leaks = new TensorLeakGuard();
        using var encoder = new HashingEncoder(dimension: 16, buckets: 512);
        using var loss = new CachedMultipleNegativesRankingLoss(encoder, miniBatchNumTokens: 64);
        var error = Assert.Throws<InvalidOperationException>(() => loss.Compute(new TextBatch([Anchors, Positives])));
        Assert.Contains("mini_batch_num_tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(HashingEncoder), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_random_state_replay_the_gradients_would_differ()
    {
        using var leaks = new TensorLeakGuard();
        using var encoder = new HashingEncoder(dimension: 16, buckets: 512, dropoutProbability: 0.3);
        encoder.SetTraining(true);

        manual_seed(7);
        Tensor first = encoder.Encode(Anchors);
        Tensor second = encoder.Encode(Anchors);

        Assert.False(allclose(first, second), "dropout must be active for the equivalence test to mean anything");
    }

    [Fact]
    public void Cached_loss_value_equals_the_uncached_value_and_backward_reaches_every_parameter()
    {
        using var leaks = new TensorLeakGuard();
        using var encoder = new HashingEncoder(dimension: 16, buckets: 512);
        var batch = new TextBatch([Anchors, Positives]);
        using var uncached = new MultipleNegativesSymmetricRankingLoss(encoder);
        using var cached = new CachedMultipleNegativesSymmetricRankingLoss(encoder, miniBatchSize: 2);

        float expected = uncached.Compute(batch).item<float>();
        Tensor loss = cached.Compute(batch);
        loss.backward();

        Assert.Equal(expected, loss.item<float>(), 5);
        Assert.All(encoder.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
    }

    [Fact]
    public void Under_no_grad_the_cached_loss_only_evaluates()
    {
        using var leaks = new TensorLeakGuard();
        using var encoder = new HashingEncoder(dimension: 16, buckets: 512);
        using var cached = new CachedMultipleNegativesRankingLoss(encoder, miniBatchSize: 4);
        using var uncached = new MultipleNegativesRankingLoss(encoder);
        var batch = new TextBatch([Anchors, Positives]);

        using (no_grad())
        {
            Tensor value = cached.Compute(batch);
            Assert.False(value.requires_grad);
            Assert.Equal(uncached.Compute(batch).item<float>(), value.item<float>(), 5);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(32)]
    [InlineData(128)]
    public void Activations_kept_for_backward_are_bounded_by_the_mini_batch_as_the_batch_grows(int batchSize)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 9);
        var recorder = new GraphBatchRecorder(model);
        using var cached = new CachedMultipleNegativesRankingLoss(recorder, miniBatchSize: 4);
        using var uncached = new MultipleNegativesRankingLoss(recorder);
        var batch = new TextBatch([TinyBert.Sentences(batchSize), TinyBert.Sentences(batchSize, offset: 1)]);

        cached.Compute(batch).backward();
        Assert.Equal(4, recorder.LargestBatchWithGraph);

        recorder.LargestBatchWithGraph = 0;
        uncached.Compute(batch).backward();
        Assert.Equal(batchSize, recorder.LargestBatchWithGraph);
    }

    // Records the largest batch embedded while autograd keeps a graph: the activations a backward pass must hold at once.
    private sealed class GraphBatchRecorder(SentenceTransformer inner) : ISentenceEncoder
    {
        public int LargestBatchWithGraph { get; set; }

        public Device Device => inner.Device;

        public int? EmbeddingDimension => inner.EmbeddingDimension;

        public IEnumerable<TorchSharp.Modules.Parameter> Parameters() => inner.parameters();

        public void SetTraining(bool training) => inner.SetTraining(training);

        public Tensor Encode(IReadOnlyList<string> texts)
        {
            if (is_grad_enabled())
            {
                LargestBatchWithGraph = Math.Max(LargestBatchWithGraph, texts.Count);
            }

            return inner.Encode(texts);
        }
    }
}
