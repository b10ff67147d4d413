using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using LossGen.Serialization;
using LossGen.Tests.Support;
using LossGen.Tokenizers;
using Xunit;

namespace LossGen.Tests.Tokenizers;

/// <summary>
/// The tokenizer of every modern golden folder, read from its <c>tokenizer.json</c> (WordPiece, byte-level BPE,
/// SentencePiece BPE with byte fallback, Unigram with a precompiled charsmap): the ids the Rust <c>tokenizers</c>
/// library gave, with and without prompts, and the padded batch on the folder's padding side. No model is loaded.
/// </summary>
public sealed class GoldenTokenizerJsonTests
{
    public static TheoryData<string> Cases() => new(RepositoryPaths.GoldenModernModelCases());

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_tokenizer_json_gives_the_reference_ids(string folder)
    {
        string path = Path.Combine(RepositoryPaths.GoldenModernModels, folder);
        string model = File.Exists(Path.Combine(path, "base", "tokenizer.json")) ? Path.Combine(path, "base") : path;
        Assert.True(File.Exists(Path.Combine(model, "tokenizer.json")), $"{folder} has no tokenizer.json.");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, "expected.json")));
        JsonElement expected = document.RootElement;
        JsonObject settings = JsonFiles.ReadObject(Path.Combine(model, "sentence_bert_config.json"));
        int maxLength = JsonFiles.Int(settings, "max_seq_length", model) ?? 512;
        bool lower = JsonFiles.Bool(settings, "do_lower_case", model, false);
        JsonObject prompts = File.Exists(Path.Combine(model, "config_sentence_transformers.json"))
            ? JsonFiles.ReadObject(Path.Combine(model, "config_sentence_transformers.json"))["prompts"] as JsonObject ?? []
            : [];

        TextTokenizer tokenizer = TokenizerFolder.Load(model);
        string[] sentences = expected.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!).ToArray();
        AssertIds(folder, "input_ids", expected.GetProperty("input_ids"), sentences.Select(s => SentenceText.Encode(tokenizer, s, null, lower, maxLength)));
        foreach (string prompt in new[] { "query", "document" })
        {
            if (expected.TryGetProperty($"{prompt}_input_ids", out JsonElement ids))
            {
                string text = prompts[prompt]!.GetValue<string>();
                AssertIds(folder, $"{prompt}_input_ids", ids, sentences.Select(s => SentenceText.Encode(tokenizer, s, text, lower, maxLength)));
            }
        }

        JsonElement padded = expected.GetProperty("padded_batch_first3");
        (long[] batch, long[] mask, int length) = tokenizer.PadToLongest(sentences[..3].Select(s => SentenceText.Encode(tokenizer, s, null, lower, maxLength)).ToArray());
        Assert.Equal(padded.GetProperty("input_ids").EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(e => e.GetInt64()), batch);
        Assert.Equal(padded.GetProperty("attention_mask").EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(e => e.GetInt64()), mask);
        Assert.Equal(padded.GetProperty("input_ids")[0].GetArrayLength(), length);
    }

    private static void AssertIds(string folder, string what, JsonElement expected, System.Collections.Generic.IEnumerable<int[]> actual)
    {
        int i = 0;
        foreach (int[] got in actual)
        {
            int[] want = expected[i].EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.True(want.SequenceEqual(got), $"{folder} {what}[{i}]: ids [{string.Join(' ', got)}], the reference [{string.Join(' ', want)}].");
            i++;
        }

        Assert.Equal(expected.GetArrayLength(), i);
    }
}
