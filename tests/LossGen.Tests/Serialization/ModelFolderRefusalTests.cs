using System;
using System.Collections.Generic;
using System.IO;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Serialization;

/// <summary>
/// A folder LossGen cannot reproduce exactly is refused with a <see cref="ModelFormatException"/> naming the file and the
/// field, module or token at fault; each case starts from a golden folder that loads and changes one thing.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class ModelFolderRefusalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-refusals").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("config.json", "\"model_type\": \"bert\"", "\"model_type\": \"deberta-v2\"", "model_type 'deberta-v2'")]
    [InlineData("config.json", "\"hidden_act\": \"gelu\"", "\"hidden_act\": \"gelu_10\"", "hidden_act 'gelu_10'")]
    [InlineData("config.json", "\"hidden_size\": 32", "\"hidden_size\": \"32\"", "hidden_size")]
    [InlineData("config.json", "{", "{{", "config.json")]
    [InlineData("config.json", "\"vocab_size\": 30522", "\"vocab_size\": 2000000000", "imply at least")]
    [InlineData("config.json", "\"vocab_size\": 30522", "\"vocab_size\": 30000", "vocab_size is 30000")]
    [InlineData("modules.json", "\"path\": \"1_Pooling\"", "\"path\": \"../../etc\"", "leaves the model folder")]
    [InlineData("modules.json", "\"path\": \"1_Pooling\"", "\"path\": \"/etc\"", "leaves the model folder")]
    [InlineData("modules.json", "\"path\": \"1_Pooling\"", "\"path\": \"a/../../outside\"", "leaves the model folder")]
    [InlineData("modules.json", "sentence_transformers.models.Normalize", "sentence_transformers.models.LayerNorm", "sentence_transformers.models.LayerNorm")]
    [InlineData("1_Pooling/config.json", "\"pooling_mode_mean_tokens\": true", "\"pooling_mode_mean_tokens\": false", "no pooling mode")]
    [InlineData("tokenizer_config.json", "\"tokenizer_class\": \"BertTokenizer\"", "\"tokenizer_class\": \"T5Tokenizer\"", "tokenizer_class 'T5Tokenizer'")]
    [InlineData("config_sentence_transformers.json", "\"similarity_fn_name\": null", "\"similarity_fn_name\": \"jaccard\"", "similarity_fn_name 'jaccard'")]
    [InlineData("config_sentence_transformers.json", "\"prompts\": {}", "\"prompts\": {}, \"prompts\": {}", "names field prompts twice")]
    [InlineData("modules.json", "\"idx\": 1,", "\"idx\": 0,", "entry 1 repeats idx 0")]
    [InlineData("modules.json", "\"name\": \"2\",", "\"name\": \"1\",", "entry 2 repeats name '1'")]
    public void A_changed_folder_is_refused_naming_what_is_wrong(string file, string find, string replace, string reason)
    {
        string model = CopyFixture("bert-uncased-mean-normalize");
        string path = Path.Combine(model, file);
        string text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, ReplaceFirst(text, find, replace));

        var error = Assert.Throws<ModelFormatException>(() => ModelFolder.Load(model));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_only_tokenizer_json_is_refused_naming_the_files_it_needs()
    {
        string model = CopyFixture("bert-uncased-mean-normalize");
        File.Delete(Path.Combine(model, "vocab.txt"));
        File.Delete(Path.Combine(model, "tokenizer_config.json"));
        File.WriteAllText(Path.Combine(model, "tokenizer.json"), "{}");

        var error = Assert.Throws<ModelFormatException>(() => ModelFolder.Load(model));
        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_out_of_the_folder_is_refused()
    {
        string model = CopyFixture("bert-uncased-mean-normalize");
        string outside = Directory.CreateDirectory(Path.Combine(_folder, "outside")).FullName;
        File.Copy(Path.Combine(model, "1_Pooling", "config.json"), Path.Combine(outside, "config.json"));
        Directory.Delete(Path.Combine(model, "1_Pooling"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(model, "1_Pooling"), outside);

        var error = Assert.Throws<ModelFormatException>(() => ModelFolder.Load(model));
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_max_seq_length_the_tokenizer_model_max_length_bounds_it_as_in_sentence_transformers()
    {
        string model = CopyFixture("bert-cased-cls");
        File.WriteAllText(Path.Combine(model, "sentence_bert_config.json"), "{\"do_lower_case\": false}");

        using var loaded = ModelFolder.Load(model);
        Assert.Equal(64, loaded.MaxSeqLength);
    }

    [Fact]
    public void A_missing_weight_is_named()
    {
        string model = CopyFixture("bert-sharded");
        File.Delete(Path.Combine(model, "model-00001-of-00002.safetensors"));

        var error = Assert.Throws<ModelFormatException>(() => ModelFolder.Load(model));
        Assert.Contains("model-00001-of-00002.safetensors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_that_hold_NaN_or_infinity_are_refused_naming_the_tensors()
    {
        string model = CopyFixture("bert-uncased-mean-normalize");
        string weights = Path.Combine(model, "model.safetensors");
        Dictionary<string, Tensor> state = SafeTensors.Load(weights);
        try
        {
            state["encoder.layer.1.output.dense.weight"][0, 3] = float.NaN;
            state["embeddings.LayerNorm.bias"][5] = float.PositiveInfinity;
            SafeTensors.Save(weights, state);
        }
        finally
        {
            foreach (Tensor tensor in state.Values)
            {
                tensor.Dispose();
            }
        }

        var error = Assert.Throws<ModelFormatException>(() => ModelFolder.Load(model));
        Assert.Contains("encoder.layer.1.output.dense.weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("embeddings.LayerNorm.bias", error.Message, StringComparison.Ordinal);
        Assert.Contains("NaN or infinity", error.Message, StringComparison.Ordinal);

        // A bare safetensors file loads as it is, with a warning that names them.
        (CapturingLoggerFactory logger, IDisposable scope) = CapturingLoggerFactory.Install();
        using (scope)
        {
            Dictionary<string, Tensor> loaded = SafeTensors.Load(weights);
            foreach (Tensor tensor in loaded.Values)
            {
                tensor.Dispose();
            }
        }

        string warning = Assert.Single(logger.Messages);
        Assert.Contains("encoder.layer.1.output.dense.weight", warning, StringComparison.Ordinal);
        Assert.Contains("embeddings.LayerNorm.bias", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_modules_json_loads_with_mean_pooling_and_warns_as_sentence_transformers_does()
    {
        string model = CopyFixture("bert-uncased-mean-normalize");
        File.Delete(Path.Combine(model, "modules.json"));

        (CapturingLoggerFactory logger, IDisposable scope) = CapturingLoggerFactory.Install();
        using (scope)
        using (SentenceTransformer loaded = ModelFolder.Load(model))
        {
            Assert.Equal([PoolingMode.Mean], loaded.Options.PoolingModes);
        }

        Assert.Contains(logger.Messages, m => m.Contains("No sentence-transformers model found", StringComparison.Ordinal) && m.Contains("mean pooling", StringComparison.Ordinal));
    }

    private string CopyFixture(string name)
    {
        string source = Path.Combine(RepositoryPaths.GoldenModels, name);
        string target = Path.Combine(_folder, name);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        foreach (string directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        return target;
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int index = text.IndexOf(find, StringComparison.Ordinal);
        return text[..index] + replace + text[(index + find.Length)..];
    }
}
