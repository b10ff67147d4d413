using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Serialization;

/// <summary>Overrides at load time: dropout per architecture, any config.json field, max_seq_length, module settings.</summary>
[Collection(SequentialCollection.Name)]
public sealed class ModelLoadOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("bert-uncased-mean-normalize", "hidden_dropout_prob", "attention_probs_dropout_prob")]
    [InlineData("distilbert-mean", "dropout", "attention_dropout")]
    [InlineData("mpnet-mean", "hidden_dropout_prob", "attention_probs_dropout_prob")]
    public void Dropout_sets_every_dropout_field_of_the_architecture_and_is_saved_with_the_model(string fixture, string hidden, string attention)
    {
        using var leaks = new TensorLeakGuard();
        using (SentenceTransformer model = ModelFolder.Load(Path.Combine(RepositoryPaths.GoldenModels, fixture), new ModelLoadOptions { Dropout = 0.25, MaxSeqLength = 12 }))
        {
            Assert.Equal(12, model.MaxSeqLength);
            ModelFolder.Save(model, _folder);
        }

        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "config.json")))!.AsObject();
        Assert.Equal(0.25, config[hidden]!.GetValue<double>());
        Assert.Equal(0.25, config[attention]!.GetValue<double>());
    }

    [Fact]
    public void A_config_override_replaces_one_field_and_a_field_the_file_lacks_is_refused_by_name()
    {
        using var leaks = new TensorLeakGuard();
        string fixture = Path.Combine(RepositoryPaths.GoldenModels, "bert-uncased-mean-normalize");
        using (SentenceTransformer model = ModelFolder.Load(fixture, new ModelLoadOptions { ConfigOverrides = new Dictionary<string, JsonNode?> { ["attention_probs_dropout_prob"] = 0.0 } }))
        {
            ModelFolder.Save(model, _folder);
        }

        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "config.json")))!.AsObject();
        Assert.Equal(0.0, config["attention_probs_dropout_prob"]!.GetValue<double>());
        Assert.NotEqual(0.0, config["hidden_dropout_prob"]!.GetValue<double>());

        var error = Assert.Throws<ModelFormatException>(() => ModelFolder.Load(fixture, new ModelLoadOptions { ConfigOverrides = new Dictionary<string, JsonNode?> { ["hidden_dropout"] = 0.0 } }));
        Assert.Contains("config.json", error.Message);
        Assert.Contains("'hidden_dropout'", error.Message);
        Assert.Throws<ModelFormatException>(() => ModelFolder.Load(fixture, new ModelLoadOptions { Dropout = 1.5 }));
    }

    [Fact]
    public void Module_settings_change_through_the_same_options()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(RepositoryPaths.GoldenModels, "bert-uncased-mean-normalize"), new ModelLoadOptions { Options = o => o with { SimilarityFunctionName = "dot" } });
        Assert.Equal("dot", model.Options.SimilarityFunctionName);
    }
}
