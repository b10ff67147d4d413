using Microsoft.Extensions.AI;
using System.Linq;
using System.Threading.Tasks;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Models;

[Collection(SequentialCollection.Name)]
public sealed class EmbeddingGeneratorTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public async Task The_model_serves_Microsoft_Extensions_AI()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = new SentenceTransformerEmbeddingGenerator(fixture.Model, "all-MiniLM-L6-v2");

        GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(["This is an example sentence", "Each sentence is converted"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(384, embeddings[0].Vector.Length);
        Assert.Equal(0.06765693f, embeddings[0].Vector.Span[0], 5);
        Assert.Equal(384, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
        Assert.Empty(await generator.GenerateAsync([]));
    }
}
