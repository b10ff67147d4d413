using System;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Tests.Losses;

/// <summary>AdaptiveLayerLoss and Matryoshka2dLoss on a real (tiny) BERT encoder, against the formula spelled out by hand.</summary>
[Collection(SequentialCollection.Name)]
public sealed class LayerLossTests
{
    // sentence-transformers v6's AdaptiveLayerLoss.get_layer_weight, transcribed.
    private static double ReferenceLayerWeight(LayerWeighting weighting, int index) => weighting switch
    {
        LayerWeighting.Log => 1.0 / (1.0 + Math.Log(1 + index)),
        LayerWeighting.Linear => 1.0 / (1 + index),
        _ => 1.0,
    };

    [Theory]
    [InlineData(LayerWeighting.Uniform)]
    [InlineData(LayerWeighting.Log)]
    [InlineData(LayerWeighting.Linear)]
    public void Adaptive_layer_loss_over_all_layers_equals_the_v6_formula(LayerWeighting weighting)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create();
        using var inner = new MultipleNegativesRankingLoss(model);
        using var loss = new AdaptiveLayerLoss(model, inner, nLayersPerStep: -1, lastLayerWeight: 0.5f, priorLayersWeight: 2f, klDivWeight: 0.7f, klTemperature: 0.3f, layerWeighting: weighting);
        string[] anchors = TinyBert.Sentences(6), positives = TinyBert.Sentences(6, offset: 1);

        Tensor actual = loss.Compute(new TextBatch([anchors, positives]));

        Tensor Layer(int k, string[] texts) => model.Encode(texts, layers: k);
        Tensor Inner(int k) => inner.ComputeFromEmbeddings([Layer(k, anchors), Layer(k, positives)]);
        Tensor target = cat([Layer(3, anchors), Layer(3, positives)], 0).div(0.3).softmax(-1);
        Tensor expected = Inner(3).mul(0.5);
        for (int index = 0; index < 2; index++)
        {
            // loss + layer_loss * layer_weight / len(layer_indices) * prior_layers_weight (v5.7's bracket).
            expected = expected.add(Inner(index + 1).mul(ReferenceLayerWeight(weighting, index)).div(2).mul(2));
            Tensor logProbabilities = F.log_softmax(cat([Layer(index + 1, anchors), Layer(index + 1, positives)], 0).div(0.3), -1);
            expected = expected.add(target.mul(target.log().sub(logProbabilities)).sum().div(12).mul(0.3 * 0.7));
        }

        Assert.Equal(expected.item<float>(), actual.item<float>(), 4);
        Assert.Equal(ReferenceLayerWeight(weighting, 1), loss.Weight(1), 12);
        Assert.Equal(weighting.ToString().ToLowerInvariant(), loss.GetConfigDictionary()["layer_weighting"]);
        actual.backward();
        Assert.All(model.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void The_last_layer_is_a_detached_teacher_of_the_KL_term()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create();
        using var inner = new MultipleNegativesRankingLoss(model);
        // Only the KL terms: were the teacher attached, the last layer's weights would receive their gradient.
        using var loss = new AdaptiveLayerLoss(model, inner, nLayersPerStep: -1, lastLayerWeight: 0f, priorLayersWeight: 0f, klDivWeight: 1f, klTemperature: 0.3f);
        loss.Compute(new TextBatch([TinyBert.Sentences(6), TinyBert.Sentences(6, offset: 1)])).backward();

        var lastLayer = model.named_parameters().Where(p => p.name.Contains("layer.2.", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(lastLayer);
        Assert.All(lastLayer, p => Assert.True(p.parameter.grad is null || p.parameter.grad.abs().max().item<float>() == 0, $"{p.name} received a KL gradient"));
        Assert.Contains(model.named_parameters(), p => p.name.Contains("layer.0.", StringComparison.Ordinal) && p.parameter.grad is not null && p.parameter.grad.abs().max().item<float>() > 0);
    }

    [Fact]
    public void Layer_sampling_uses_the_requested_number_of_earlier_layers()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create();
        using var inner = new MultipleNegativesRankingLoss(model);
        using var all = new AdaptiveLayerLoss(model, inner, nLayersPerStep: -1, klTemperature: 0);
        using var one = new AdaptiveLayerLoss(model, inner, nLayersPerStep: 1, klTemperature: 0) { Random = new Random(3) };
        var batch = new TextBatch([TinyBert.Sentences(6), TinyBert.Sentences(6, offset: 2)]);

        double final = inner.Compute(batch).item<float>();
        double sampled = one.Compute(batch).item<float>();
        double full = all.Compute(batch).item<float>();

        Assert.NotEqual(full, sampled, 5);
        Assert.True(sampled > final);
    }

    [Fact]
    public void Matryoshka2d_composes_layers_outside_and_dimensions_inside()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create();
        using var inner = new CoSENTLoss(model);
        using var twoD = new Matryoshka2dLoss(model, inner, [16, 8], nLayersPerStep: -1, nDimsPerStep: -1);
        using var matryoshka = new MatryoshkaLoss(model, inner, [16, 8]);
        using var adaptive = new AdaptiveLayerLoss(model, matryoshka, nLayersPerStep: -1);
        var batch = new TextBatch([TinyBert.Sentences(5), TinyBert.Sentences(5, offset: 3)], tensor(new[] { 0.1f, 0.9f, 0.4f, 0.7f, 0.2f }));

        Tensor value = twoD.Compute(batch);

        Assert.Equal(adaptive.Compute(batch).item<float>(), value.item<float>(), 5);
        value.backward();
        Assert.Equal("CoSENTLoss", twoD.GetConfigDictionary()["loss"]);
    }

    [Fact]
    public void Layer_losses_refuse_gradient_cached_losses()
    {
        using SentenceTransformer model = TinyBert.Create();
        using var cached = new CachedMultipleNegativesRankingLoss(model);
        Assert.Throws<ArgumentException>(() => new AdaptiveLayerLoss(model, cached));
        Assert.Throws<ArgumentException>(() => new Matryoshka2dLoss(model, cached, [16, 8]));
    }

    [Fact]
    public void Adaptive_layer_loss_needs_a_layered_encoder()
    {
        using var encoder = new LossGen.SentenceTransformers.HashingEncoder(dimension: 8, buckets: 64);
        using var inner = new MultipleNegativesRankingLoss(encoder);
        using var loss = new AdaptiveLayerLoss(encoder, inner);
        var error = Assert.Throws<InvalidOperationException>(() => loss.Compute(new TextBatch([["a"], ["b"]])));
        Assert.Contains("ILayeredSentenceEncoder", error.Message);
    }

    [Fact]
    public void A_composed_wrapper_counts_the_inner_loss_parameters_once()
    {
        using var inner = new ContrastiveTensionLossInBatchNegatives(null);
        using var twoD = new Matryoshka2dLoss(null, inner, [16, 8]);
        Assert.Equal(["loss.logit_scale"], twoD.named_parameters().Select(p => p.name));
    }
}
