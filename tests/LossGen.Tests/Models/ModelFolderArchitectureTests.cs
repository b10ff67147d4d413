using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
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

/// <summary>
/// Every architecture and module of the golden folders trains and round-trips: a few MNRL steps change the embeddings,
/// and what is saved loads back to the same embeddings with everything the folder held (pooler, Dense, prompts, similarity).
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class ModelFolderArchitectureTests : IDisposable
{
    private static readonly string[] Probe = ["A man is playing a guitar.", "Café naïve résumé", "東京タワーは赤いです。"];

    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-architectures").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("bert-uncased-mean-normalize")]
    [InlineData("bert-dense")]
    [InlineData("bert-with-sentencepiece")]
    [InlineData("distilbert-mean")]
    [InlineData("mpnet-mean")]
    [InlineData("roberta-bpe-mean")]
    [InlineData("xlmr-mean")]
    public void A_few_MNRL_steps_change_the_embeddings_and_the_saved_folder_loads_back_the_same(string fixture)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(RepositoryPaths.GoldenModels, fixture));
        Tensor before = model.Embed(Probe);

        using var loss = new MultipleNegativesRankingLoss(model);
        using var trainer = new SentenceTransformerTrainer(model, [loss], totalSteps: 3, new TrainingArguments { LearningRate = 1e-3, WarmupRatio = 0 });
        PairExample[] pairs = [new("a man plays guitar", "someone is playing music"), new("a cat sleeps", "the cat is asleep"), new("cities in Japan", "東京と大阪"), new("Москва", "столица России")];
        for (int step = 0; step < 3; step++)
        {
            StepReport report = trainer.Step(loss, MultipleNegativesRankingLoss.Collate(pairs));
            Assert.True(double.IsFinite(report.Loss), $"{fixture}: step {step} loss {report.Loss}");
        }

        Tensor after = model.Embed(Probe);
        Assert.True((after - before).abs().max().item<float>() > 1e-4, $"{fixture}: training did not change the embeddings.");

        string saved = Path.Combine(_folder, fixture);
        ModelFolder.Save(model, saved);
        using SentenceTransformer loaded = ModelFolder.Load(saved);
        Assert.True(allclose(after, loaded.Embed(Probe), rtol: 0, atol: 1e-6), $"{fixture}: the saved folder gives other embeddings.");
        Assert.Equal(model.Options.PoolingModes, loaded.Options.PoolingModes);
        Assert.Equal(model.PostPoolingModules.Select(m => m.GetType()), loaded.PostPoolingModules.Select(m => m.GetType()));
        Assert.Equal(model.UnusedWeights.Keys.Order(), loaded.UnusedWeights.Keys.Order());
        Assert.Equal(model.Tokenizer.GetType(), loaded.Tokenizer.GetType());
    }

    [Fact]
    public void Saving_keeps_prompts_similarity_pooler_and_writes_LossGen_as_the_saving_library()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(RepositoryPaths.GoldenModels, "bert-prompts"));
        string saved = Path.Combine(_folder, "prompts");
        ModelFolder.Save(model, saved);

        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(saved, "config_sentence_transformers.json")))!.AsObject();
        Assert.Equal("query: ", (string?)config["prompts"]!["query"]);
        Assert.Equal("passage", (string?)config["default_prompt_name"]);
        Assert.Equal("dot", (string?)config["similarity_fn_name"]);
        Assert.NotNull(config["__version__"]!["lossgen"]);
        Assert.Null(config["__version__"]!["sentence_transformers"]);
        Assert.Contains("pooler.dense.weight", SafeTensors.ReadNames(Path.Combine(saved, "model.safetensors")));
        Assert.Contains("sentence-transformers", File.ReadAllText(Path.Combine(saved, "README.md")));

        using SentenceTransformer loaded = ModelFolder.Load(saved);
        Assert.True(allclose(model.Embed(Probe), loaded.Embed(Probe), rtol: 0, atol: 1e-6));
        Assert.True(allclose(model.Embed(Probe, promptName: "query"), loaded.Embed(Probe, promptName: "query"), rtol: 0, atol: 1e-6));
    }
}
