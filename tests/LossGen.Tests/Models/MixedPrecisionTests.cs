using System;
using System.IO;
using LossGen.Backbones;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.SentenceTransformers.Training;
using LossGen.Serialization;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Models;

/// <summary>bfloat16 mixed precision: close to float32, trained through the trainer's Bf16, refused where the CPU lacks it.</summary>
[Collection(SequentialCollection.Name)]
public sealed class MixedPrecisionTests
{
    private static readonly string[] Texts = ["A man is playing a guitar.", "two words", "The quick brown fox jumps over the lazy dog."];

    [Theory]
    [InlineData("bert-uncased-mean-normalize")]
    [InlineData("distilbert-mean")]
    [InlineData("mpnet-mean")]
    public void Bfloat16_products_give_the_float32_embeddings_to_bfloat16_rounding(string fixture)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(RepositoryPaths.GoldenModels, fixture));
        using Tensor exact = model.Embed(Texts);
        model.Transformer.MatmulPrecision = MatmulPrecision.BFloat16;
        using Tensor mixed = model.Embed(Texts);
        model.Transformer.MatmulPrecision = MatmulPrecision.Float32;
        using Tensor again = model.Embed(Texts);

        Assert.Equal(ScalarType.Float32, mixed.dtype);
        Assert.True(MaxDifference(exact, mixed) > 0, "bfloat16 changed nothing: the products did not run in bfloat16");
        Assert.True(allclose(exact, mixed, rtol: 0, atol: 3e-2), $"{fixture}: bfloat16 embeddings are off by {MaxDifference(exact, mixed)}");
        Assert.Equal(0, MaxDifference(exact, again));
    }

    private static float MaxDifference(Tensor a, Tensor b)
    {
        using Tensor difference = (a - b).abs().max();
        return difference.item<float>();
    }

    [Fact]
    public void Bf16_trains_in_mixed_precision_and_restores_the_models_precision()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 3);
        using var loss = new MultipleNegativesRankingLoss(model);
        SentenceDataset pairs = SentenceDataset.FromColumns(("anchor", TinyBert.Sentences(8)), ("positive", TinyBert.Sentences(8, 2)));
        using var trainer = new SentenceTransformerTrainer(model, pairs, loss, new TrainingArguments { BatchSize = 4, Bf16 = true, LearningRate = 1e-3 });
        MatmulPrecision during = MatmulPrecision.Float32;
        trainer.Train(_ => during = model.Transformer.MatmulPrecision);

        Assert.Equal(MatmulPrecision.BFloat16, during);
        Assert.Equal(MatmulPrecision.Float32, model.Transformer.MatmulPrecision);
    }
}
