using System.Linq;
using System.Threading.Tasks;
using LossGen.Models;
using LossGen.Reporting;
using LossGen.Tests.Support;
using Microsoft.Extensions.AI;
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

    [Fact]
    public void The_loss_curve_is_a_valid_png()
    {
        string path = System.IO.Path.GetTempFileName();
        try
        {
            LossCurvePlot.Save(path, [3.0, 2.5, 2.0, double.NaN, 1.2, 0.9], width: 200, height: 100);
            byte[] png = System.IO.File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8).ToArray());
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal(200, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
