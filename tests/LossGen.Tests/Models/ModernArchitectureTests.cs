using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Backbones.Lora;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Models;

/// <summary>
/// ModernBERT, Qwen3 and Gemma3 beyond loading: a saved folder reads back to the same embeddings with the
/// configuration as loaded (Gemma3's raw sliding_window), what LossGen does not compute is refused by field, and a
/// LoRA fine-tuning step runs on each.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class ModernArchitectureTests : IDisposable
{
    private static readonly string[] Texts = ["a", "A man is playing a guitar while the band plays on and on, and on.", "two words", "Café naïve résumé"];
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-modern-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("modernbert-cls-long")]
    [InlineData("qwen3-lasttoken-leftpad")]
    [InlineData("gemma3-embedding-dense")]
    public void A_saved_folder_reads_back_to_the_same_embeddings_and_configuration(string fixture)
    {
        using var leaks = new TensorLeakGuard();
        string source = Path.Combine(RepositoryPaths.GoldenModernModels, fixture);
        using SentenceTransformer model = ModelFolder.Load(source);
        using Tensor before = model.Embed(Texts, promptName: model.Options.Prompts.Count > 0 ? "query" : null);
        ModelFolder.Save(model, _folder);

        Assert.Equal(SafeTensors.ReadNames(Path.Combine(source, "model.safetensors")).Order(), SafeTensors.ReadNames(Path.Combine(_folder, "model.safetensors")).Order());
        JsonObject original = JsonFiles.ReadObject(Path.Combine(source, "config.json"));
        JsonObject saved = JsonFiles.ReadObject(Path.Combine(_folder, "config.json"));
        foreach ((string field, JsonNode? value) in original)
        {
            Assert.True(JsonNode.DeepEquals(value, saved[field]), $"config.json field {field}: {value?.ToJsonString()} became {saved[field]?.ToJsonString()}.");
        }

        using SentenceTransformer again = ModelFolder.Load(_folder);
        Assert.Equal(model.Tokenizer.PaddingSide, again.Tokenizer.PaddingSide);
        using Tensor after = again.Embed(Texts, promptName: model.Options.Prompts.Count > 0 ? "query" : null);
        Assert.Equal(0f, (after - before).abs().max().item<float>());
    }

    [Theory]
    [InlineData("modernbert-mean", "Wqkv")]
    [InlineData("qwen3-lasttoken-leftpad", "q_proj")]
    [InlineData("gemma3-embedding-dense", "v_proj")]
    public void A_lora_fine_tuning_step_trains_the_adapter_of_each_architecture(string fixture, string target)
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(RepositoryPaths.GoldenModernModels, fixture));
        LoraAdapter adapter = model.AddAdapter(new LoraConfig { R = 2, LoraAlpha = 4, TargetModules = [target] });
        Assert.Equal(model.Transformer.LayerCount, adapter.Updates.Count());
        using var loss = new MultipleNegativesRankingLoss(model);
        SentenceDataset pairs = SentenceDataset.FromColumns(("anchor", Texts), ("positive", Texts.Reverse().ToArray()));
        using var trainer = new SentenceTransformerTrainer(model, pairs, loss, new TrainingArguments { BatchSize = 4, LearningRate = 1e-2 });
        var reports = trainer.Train();
        Assert.All(reports, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.Contains(adapter.Updates, u => u.Update.B.abs().max().item<float>() > 0);
    }

    [Theory]
    [InlineData("qwen3-lasttoken-leftpad", "use_sliding_window", true, "use_sliding_window")]
    [InlineData("qwen3-lasttoken-leftpad", "rope_scaling", "yarn", "rope_scaling")]
    [InlineData("gemma3-embedding-dense", "attn_logit_softcapping", 50.0, "attn_logit_softcapping")]
    [InlineData("modernbert-mean", "hidden_activation", "swiglu", "hidden_activation")]
    public void A_configuration_LossGen_does_not_compute_is_refused_by_field(string fixture, string field, object value, string reason)
    {
        string source = Path.Combine(RepositoryPaths.GoldenModernModels, fixture);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        foreach (string directory in Directory.GetDirectories(source))
        {
            string target = Path.Combine(_folder, Path.GetFileName(directory));
            Directory.CreateDirectory(target);
            foreach (string file in Directory.GetFiles(directory))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        JsonObject config = JsonFiles.ReadObject(Path.Combine(_folder, "config.json"));
        config[field] = value switch
        {
            bool flag => JsonValue.Create(flag),
            double number => JsonValue.Create(number),
            string text when field == "rope_scaling" => new JsonObject { ["rope_type"] = text, ["factor"] = 4.0 },
            string text => JsonValue.Create(text),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
        JsonFiles.Write(Path.Combine(_folder, "config.json"), config);
        var error = Assert.Throws<ModelFormatException>(() => ModelFolder.Load(_folder));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("config.json", error.Message, StringComparison.Ordinal);
    }
}
