using System.IO;
using System.Linq;
using LossGen.Backbones;
using LossGen.Cpu;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Models;

/// <summary>Embedding whole batches side by side, one per thread, gives the one-after-another embeddings.</summary>
[Collection(SequentialCollection.Name)]
public sealed class ConcurrentEmbedTests
{
    private static readonly string[] Texts = Enumerable.Range(0, 37)
        .Select(i => string.Join(' ', Enumerable.Repeat(i % 2 == 0 ? "a man plays the guitar" : "Café naïve señor", 1 + (i % 5))) + $" {i}")
        .ToArray();

    [Theory]
    [InlineData("bert-uncased-mean-normalize")]
    [InlineData("roberta-bpe-mean")]
    [InlineData("xlmr-mean")]
    [InlineData("bert-max")]
    [InlineData("bert-lasttoken")]
    [InlineData("distilbert-mean")]
    [InlineData("mpnet-mean")]
    public void Batches_side_by_side_give_the_embeddings_of_batches_in_turn(string fixture)
    {
        using var leaks = new TensorLeakGuard();
        using var intraOp = IntraOpThreads.Set(2);
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(RepositoryPaths.GoldenModels, fixture));
        Assert.True(model.EmbedBatchesConcurrently);
        Tensor concurrent = model.Embed(Texts, batchSize: 4);
        model.EmbedBatchesConcurrently = false;
        Tensor inTurn = model.Embed(Texts, batchSize: 4);
        Assert.Equal(inTurn.shape, concurrent.shape);
        Assert.True(concurrent.allclose(inTurn, rtol: 1e-5, atol: 1e-6), $"largest difference {(concurrent - inTurn).abs().max().item<float>()}");
    }

    [Theory]
    [InlineData(40, 80)]
    [InlineData(48, 112)]
    [InlineData(96, 160)]
    public void Widths_that_are_not_whole_kernel_blocks_embed_alike_side_by_side_in_turn_and_without_oneDNN(int hiddenSize, int intermediateSize)
    {
        using var leaks = new TensorLeakGuard();
        using var intraOp = IntraOpThreads.Set(2);
        using SentenceTransformer model = TinyBert.Create(seed: 5, hiddenSize: hiddenSize, intermediateSize: intermediateSize);
        string[] texts = TinyBert.Sentences(37);
        Tensor concurrent = model.Embed(texts, batchSize: 4);
        model.EmbedBatchesConcurrently = false;
        Tensor inTurn = model.Embed(texts, batchSize: 4);
        Tensor plain;
        OneDnnLinear.Disabled = true;
        try
        {
            plain = model.Embed(texts, batchSize: 4);
        }
        finally
        {
            OneDnnLinear.Disabled = false;
        }

        Assert.True(concurrent.allclose(inTurn, rtol: 1e-5, atol: 1e-6), $"side by side vs in turn: {(concurrent - inTurn).abs().max().item<float>()}");
        Assert.True(inTurn.allclose(plain, rtol: 1e-5, atol: 1e-5), $"with vs without oneDNN: {(inTurn - plain).abs().max().item<float>()}");
    }
}
