using System.IO;
using System.Linq;
using LossGen.Backbones;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Models;

/// <summary>Running token-wise layers on the real tokens only gives the padded computation's values and gradients.</summary>
[Collection(SequentialCollection.Name)]
public sealed class SkipPaddingTests
{
    private static readonly string[] Texts = ["a", "A man is playing a guitar while the band plays on and on.", "two words", "Café naïve résumé: crème brûlée à la mode, señor."];

    [Theory]
    [InlineData("bert-uncased-mean-normalize", DropoutSampler.Libtorch)]
    [InlineData("roberta-bpe-mean", DropoutSampler.Libtorch)]
    [InlineData("xlmr-mean", DropoutSampler.Libtorch)]
    [InlineData("bert-max", DropoutSampler.Libtorch)]
    [InlineData("bert-lasttoken", DropoutSampler.Libtorch)]
    [InlineData("distilbert-mean", DropoutSampler.Libtorch)]
    [InlineData("mpnet-mean", DropoutSampler.Libtorch)]
    [InlineData("bert-uncased-mean-normalize", DropoutSampler.Parallel)]
    [InlineData("roberta-bpe-mean", DropoutSampler.Parallel)]
    [InlineData("xlmr-mean", DropoutSampler.Parallel)]
    [InlineData("bert-max", DropoutSampler.Parallel)]
    [InlineData("bert-lasttoken", DropoutSampler.Parallel)]
    [InlineData("distilbert-mean", DropoutSampler.Parallel)]
    [InlineData("mpnet-mean", DropoutSampler.Parallel)]
    [InlineData("modernbert-mean", DropoutSampler.Libtorch, true)]
    [InlineData("modernbert-cls-long", DropoutSampler.Parallel, true)]
    [InlineData("qwen3-lasttoken-leftpad", DropoutSampler.Libtorch, true)]
    [InlineData("gemma3-embedding-dense", DropoutSampler.Libtorch, true)]
    public void Packed_training_gives_the_padded_loss_and_gradients_with_the_same_dropout_masks(string fixture, DropoutSampler sampler, bool modern = false)
    {
        // Dropout on: the packed run draws each mask over the padded batch, so both runs compute the same function.
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(modern ? RepositoryPaths.GoldenModernModels : RepositoryPaths.GoldenModels, fixture), new ModelLoadOptions { Dropout = 0.1 });
        Assert.True(model.Transformer.CanSkipPadding);
        model.Transformer.DropoutSampler = sampler;

        using var loss = new MultipleNegativesRankingLoss(model);
        model.SetTraining(true);
        var batch = new TextBatch([Texts, Texts.Reverse().ToArray()]);
        (float value, Tensor[] grads) Run(bool skip)
        {
            model.Transformer.SkipPaddingInTraining = skip;
            model.zero_grad();
            manual_seed(7);
            Tensor result = loss.Compute(batch);
            result.backward();
            return (result.item<float>(), model.parameters().Select(p => p.grad!.clone()).ToArray());
        }

        (float padded, Tensor[] paddedGrads) = Run(false);
        (float packed, Tensor[] packedGrads) = Run(true);
        Assert.Equal(padded, packed, 4);
        for (int i = 0; i < paddedGrads.Length; i++)
        {
            Assert.True(allclose(paddedGrads[i], packedGrads[i], rtol: 1e-4, atol: 1e-6), $"{fixture}, {sampler}: gradient {i} differs.");
        }

        model.zero_grad();
        foreach (var parameter in model.parameters())
        {
            parameter.grad = null;
        }
    }
}
