using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Serialization;
using LossGen.Tests.Support;
using LossGen.Tokenizers;
using Xunit;

namespace LossGen.Tests.Tokenizers;

/// <summary>
/// tokenizer.json without vocabulary files: the BERT pipeline gives the vocab.txt tokenizer's ids, and every component
/// LossGen does not reproduce is refused by its name.
/// </summary>
public sealed class TokenizerJsonTests : IDisposable
{
    private static readonly string Golden = Path.Combine(RepositoryPaths.GoldenModernModels, "bert-tokenizer-json-only");
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-tokenizer-json-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_wordpiece_tokenizer_json_gives_the_ids_of_the_same_vocab_txt()
    {
        TextTokenizer fromJson = TokenizerFolder.Load(Golden);
        JsonObject json = JsonFiles.ReadObject(Path.Combine(Golden, "tokenizer.json"));
        string vocabulary = string.Join('\n', ((JsonObject)json["model"]!["vocab"]!).OrderBy(p => p.Value!.GetValue<int>()).Select(p => p.Key));
        var fromVocabulary = WordPieceTokenizer.FromVocabulary(vocabulary);
        foreach (string text in new[] { "Hello, World!", "Ünïcödé àccents and 中文 characters", "[CLS] inside text", "" })
        {
            Assert.Equal(fromVocabulary.Encode(text, 64), fromJson.Encode(text, 64));
        }
    }

    [Theory]
    [InlineData("model", "type", "WordLevel", "model 'WordLevel' is not one LossGen reproduces")]
    [InlineData("normalizer", "type", "NFKC", "normalizer 'NFKC' is not one LossGen reproduces")]
    [InlineData("pre_tokenizer", "type", "ByteLevel", "pre_tokenizer 'ByteLevel' is not one LossGen reproduces")]
    [InlineData("normalizer", "clean_text", false, "normalizer.clean_text is false")]
    [InlineData("model", "continuing_subword_prefix", "@@", "model.continuing_subword_prefix is '@@'")]
    public void Components_LossGen_does_not_reproduce_are_refused_by_name(string component, string field, object value, string reason)
    {
        foreach (string file in Directory.GetFiles(Golden).Where(f => Path.GetFileName(f) is "tokenizer.json" or "special_tokens_map.json"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        string path = Path.Combine(_folder, "tokenizer.json");
        JsonObject json = JsonFiles.ReadObject(path);
        json[component]![field] = value is bool flag ? JsonValue.Create(flag) : JsonValue.Create((string)value);
        JsonFiles.Write(path, json);

        var error = Assert.Throws<ModelFormatException>(() => TokenizerFolder.Load(_folder, "bert"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("normalizer", "type", "Nmt", "normalizer 'Nmt' is not one LossGen reproduces")]
    [InlineData("pre_tokenizer", "type", "UnicodeScripts", "pre_tokenizer 'UnicodeScripts' is not one LossGen reproduces")]
    [InlineData("model", "type", "WordLevel", "model 'WordLevel' is not one LossGen reproduces")]
    [InlineData("post_processor", "type", "Custom", "post_processor 'Custom' is not one LossGen reproduces")]
    [InlineData("model", "dropout", 0.1, "model BPE has dropout")]
    [InlineData("pre_tokenizer", "behavior", "Sideways", "behavior 'Sideways' is not one LossGen reproduces")]
    public void A_bpe_pipeline_component_LossGen_does_not_reproduce_is_refused_by_name(string component, string field, object value, string reason)
    {
        string golden = Path.Combine(RepositoryPaths.GoldenModernModels, "modernbert-mean");
        foreach (string file in new[] { "tokenizer.json", "tokenizer_config.json" })
        {
            File.Copy(Path.Combine(golden, file), Path.Combine(_folder, file));
        }

        string path = Path.Combine(_folder, "tokenizer.json");
        JsonObject json = JsonFiles.ReadObject(path);
        if (field == "behavior")
        {
            json[component] = new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["String"] = " " }, ["behavior"] = (string)value };
        }
        else
        {
            json[component]![field] = value is double number ? JsonValue.Create(number) : JsonValue.Create((string)value);
        }

        JsonFiles.Write(path, json);
        var error = Assert.Throws<ModelFormatException>(() => TokenizerFolder.Load(_folder));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_with_a_template_bert_does_not_use_is_refused_for_a_wordpiece_model()
    {
        foreach (string file in Directory.GetFiles(Golden).Where(f => Path.GetFileName(f) is "tokenizer.json" or "special_tokens_map.json"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        string path = Path.Combine(_folder, "tokenizer.json");
        JsonObject json = JsonFiles.ReadObject(path);
        json["post_processor"] = new JsonObject { ["type"] = "RobertaProcessing", ["cls"] = new JsonArray("[CLS]", 2), ["sep"] = new JsonArray("[SEP]", 3) };
        JsonFiles.Write(path, json);
        var error = Assert.Throws<ModelFormatException>(() => TokenizerFolder.Load(_folder, "bert"));
        Assert.Contains("post_processor frames texts as 2:0 $A:0 3:0 / 2:0 $A:0 3:0 3:0 $B:0 3:0", error.Message, StringComparison.Ordinal);
    }
}
