using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using LossGen.Backbones.Lora;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Golden;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Models;

/// <summary>
/// LoRA adapters in PEFT's format: the golden <c>bert-lora-adapter</c> case with and without its adapter, merged into
/// the weights, saved and read back; a fresh adapter trained through the trainer updates the adapter alone.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class LoraAdapterTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private static readonly string Golden = Path.Combine(RepositoryPaths.GoldenModernModels, "bert-lora-adapter");
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-lora-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_golden_adapter_gives_the_reference_embeddings_and_so_does_its_merge()
    {
        using var leaks = new TensorLeakGuard();
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Golden, "expected.json")));
        string[] sentences = expected.RootElement.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!).ToArray();
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(Golden, "base"));
        AssertClose("base_embeddings", expected.RootElement.GetProperty("base_embeddings"), model.Embed(sentences));

        LoraAdapter adapter = model.LoadAdapter(Path.Combine(Golden, "adapter"));
        Assert.Equal(2.0, adapter.Config.Scaling);
        Assert.Equal(expected.RootElement.GetProperty("adapter").GetProperty("tensors").EnumerateObject().Select(p => p.Name).Order(), adapter.StateDict().Keys.Order());
        AssertClose("embeddings", expected.RootElement.GetProperty("embeddings"), model.Embed(sentences));
        Assert.All(model.Transformer.named_parameters().Where(p => !p.name.Contains("lora", StringComparison.Ordinal)), p => Assert.False(p.parameter.requires_grad));

        model.MergeAndUnload();
        Assert.Null(model.Transformer.Adapter);
        Assert.DoesNotContain(model.Transformer.named_parameters(), p => p.name.Contains("lora", StringComparison.Ordinal));
        AssertClose("merged embeddings", expected.RootElement.GetProperty("embeddings"), model.Embed(sentences));
    }

    [Fact]
    public void A_saved_adapter_and_a_saved_model_with_its_adapter_read_back_to_the_same_embeddings()
    {
        using var leaks = new TensorLeakGuard();
        string[] sentences = TinyBert.Sentences(6);
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(Golden, "base"));
        model.LoadAdapter(Path.Combine(Golden, "adapter"));
        using Tensor adapted = model.Embed(sentences);

        string adapterFolder = Path.Combine(_folder, "adapter");
        model.SaveAdapter(adapterFolder);
        JsonObject config = JsonFiles.ReadObject(Path.Combine(adapterFolder, "adapter_config.json"));
        Assert.Equal("LORA", config["peft_type"]!.GetValue<string>());
        Assert.Equal(4, config["r"]!.GetValue<int>());
        Assert.Equal(SafeTensors.ReadNames(Path.Combine(Golden, "adapter", "adapter_model.safetensors")).Order(), SafeTensors.ReadNames(Path.Combine(adapterFolder, "adapter_model.safetensors")).Order());
        using (SentenceTransformer again = ModelFolder.Load(Path.Combine(Golden, "base")))
        {
            again.LoadAdapter(adapterFolder);
            using Tensor reloaded = again.Embed(sentences);
            Assert.Equal(0f, (reloaded - adapted).abs().max().item<float>());
        }

        string modelFolder = Path.Combine(_folder, "model");
        ModelFolder.Save(model, modelFolder);
        Assert.DoesNotContain(SafeTensors.ReadNames(Path.Combine(modelFolder, "model.safetensors")), n => n.Contains("lora", StringComparison.Ordinal));
        using SentenceTransformer whole = ModelFolder.Load(modelFolder);
        Assert.NotNull(whole.Transformer.Adapter);
        using Tensor fromFolder = whole.Embed(sentences);
        Assert.Equal(0f, (fromFolder - adapted).abs().max().item<float>());
    }

    [Fact]
    public void Training_a_fresh_adapter_updates_the_adapter_alone_and_its_save_round_trips()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 5);
        var before = model.Transformer.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        using Tensor untouched = model.Embed(TinyBert.Sentences(4));
        LoraAdapter adapter = model.AddAdapter(new LoraConfig { R = 2, LoraAlpha = 4, TargetModules = ["query", "value", "dense"] });
        using (Tensor fresh = model.Embed(TinyBert.Sentences(4)))
        {
            Assert.Equal(0f, (fresh - untouched).abs().max().item<float>());
        }

        using var loss = new MultipleNegativesRankingLoss(model);
        SentenceDataset pairs = SentenceDataset.FromColumns(("anchor", TinyBert.Sentences(8)), ("positive", TinyBert.Sentences(8, 2)));
        using (var trainer = new SentenceTransformerTrainer(model, pairs, loss, new TrainingArguments { BatchSize = 4, LearningRate = 1e-2 }))
        {
            trainer.Train();
            (var state, _) = trainer.Optimizer.GetState();
            Assert.All(state.Keys, name => Assert.Contains(".lora_", name, StringComparison.Ordinal));
            Assert.Equal(2 * adapter.StateDict().Count, state.Count);
        }

        foreach ((string name, var parameter) in model.Transformer.named_parameters().Where(p => before.ContainsKey(p.name)))
        {
            Assert.True(before[name].allclose(parameter, rtol: 0, atol: 0), $"{name} changed although it is frozen.");
        }

        Assert.Contains(adapter.Updates, u => u.Update.B.abs().max().item<float>() > 0);
        using Tensor trained = model.Embed(TinyBert.Sentences(4));
        string adapterFolder = Path.Combine(_folder, "trained");
        model.SaveAdapter(adapterFolder);

        using SentenceTransformer other = TinyBert.Create(seed: 5);
        other.LoadAdapter(adapterFolder);
        using Tensor reloaded = other.Embed(TinyBert.Sentences(4));
        Assert.True((reloaded - trained).abs().max().item<float>() <= Tolerance);
        foreach (Tensor tensor in before.Values)
        {
            tensor.Dispose();
        }
    }

    [Theory]
    [InlineData("use_dora", true, "use_dora asks for DoRA")]
    [InlineData("bias", "all", "bias asks for trained biases")]
    [InlineData("peft_type", "IA3", "peft_type is 'IA3'")]
    [InlineData("target_modules", "attention", "matches a list of module names")]
    public void A_peft_adapter_LossGen_does_not_compute_is_refused_by_name(string field, object value, string reason)
    {
        string folder = Path.Combine(_folder, "refused");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Golden, "adapter", "adapter_model.safetensors"), Path.Combine(folder, "adapter_model.safetensors"));
        JsonObject config = JsonFiles.ReadObject(Path.Combine(Golden, "adapter", "adapter_config.json"));
        config[field] = value is bool flag ? JsonValue.Create(flag) : JsonValue.Create((string)value);
        JsonFiles.Write(Path.Combine(folder, "adapter_config.json"), config);

        using SentenceTransformer model = ModelFolder.Load(Path.Combine(Golden, "base"));
        var error = Assert.Throws<ModelFormatException>(() => model.LoadAdapter(folder));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("adapter_config.json", error.Message, StringComparison.Ordinal);
        Assert.Null(model.Transformer.Adapter);
    }

    [Fact]
    public void Target_modules_that_name_no_linear_are_refused_with_the_names_there_are()
    {
        using SentenceTransformer model = TinyBert.Create();
        var error = Assert.Throws<ArgumentException>(() => model.AddAdapter(new LoraConfig { R = 2, TargetModules = ["q_proj"] }));
        Assert.Contains("match no module of BertModel", error.Message, StringComparison.Ordinal);
        Assert.Contains("query", error.Message, StringComparison.Ordinal);
    }

    private static void AssertClose(string what, JsonElement expected, Tensor actual)
    {
        using Tensor reference = GoldenJson.ToTensor(expected);
        using (actual)
        {
            double difference = (reference - actual).abs().max().item<float>();
            Assert.True(difference <= Tolerance, $"{what} differ from the reference by {difference:G3}.");
        }
    }
}
