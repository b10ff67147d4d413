using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using LossGen.Serialization;

namespace LossGen.Tokenizers;

/// <summary>
/// Reads a Hugging Face <c>tokenizer.json</c> (the Rust <c>tokenizers</c> library's serialization) for folders that ship
/// it without vocabulary files. Each component is checked against what LossGen reproduces exactly, and any other is
/// refused by its type and field: today the BERT pipeline (BertNormalizer, BertPreTokenizer, WordPiece, a
/// <c>[CLS] $A [SEP]</c> template); the BPE and Unigram pipelines of issue 25 are refused by name.
/// </summary>
public static class TokenizerJson
{
    /// <summary>The model type of <paramref name="json"/> (<c>WordPiece</c>, <c>BPE</c>, <c>Unigram</c>, …).</summary>
    public static string ModelType(JsonObject json, string path) =>
        (json["model"] as JsonObject is { } model ? JsonFiles.String(model, "type", path) : null)
        ?? throw new ModelFormatException(path, "has no model type.");

    /// <summary>
    /// The <c>vocab.txt</c> equivalent of a WordPiece <c>tokenizer.json</c> (tokens in id order), with
    /// <paramref name="options"/> updated from its normalizer; refuses a pipeline BertTokenizer would not reproduce.
    /// </summary>
    /// <exception cref="ModelFormatException">A component, field or vocabulary that LossGen does not reproduce, by name.</exception>
    public static string WordPieceVocabulary(JsonObject json, string path, ref WordPieceOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        options = Normalizer(json["normalizer"] as JsonObject, path, options);
        string preTokenizer = Type(json["pre_tokenizer"] as JsonObject, "pre_tokenizer", path);
        if (preTokenizer != "BertPreTokenizer")
        {
            throw Unsupported(path, "pre_tokenizer", preTokenizer, "BertPreTokenizer");
        }

        var model = (JsonObject)json["model"]!;
        string type = ModelType(json, path);
        if (type != "WordPiece")
        {
            throw Unsupported(path, "model", type, "WordPiece");
        }

        Expect(model, "continuing_subword_prefix", "##", path);
        Expect(model, "unk_token", options.UnkToken, path);
        if (JsonFiles.Int(model, "max_input_chars_per_word", path) is int longest && longest != 100)
        {
            throw new ModelFormatException(path, $"model.max_input_chars_per_word is {longest}; LossGen reproduces WordPiece's 100.");
        }

        CheckTemplate(json["post_processor"] as JsonObject, path, options);
        return Vocabulary(model, path);
    }

    /// <summary>The added tokens of <paramref name="json"/>; a non-special token matched on normalized text is refused.</summary>
    public static IReadOnlyList<AddedToken> AddedTokens(JsonObject json, string path)
    {
        var added = new List<AddedToken>();
        foreach (JsonNode? node in json["added_tokens"] as JsonArray ?? [])
        {
            if (node is not JsonObject token || JsonFiles.String(token, "content", path) is not string content || JsonFiles.Int(token, "id", path) is not int id)
            {
                throw new ModelFormatException(path, "added_tokens holds an entry without a content and an id.");
            }

            if (JsonFiles.Bool(token, "normalized", path, false) && !JsonFiles.Bool(token, "special", path, false))
            {
                throw new ModelFormatException(path, $"added token '{content}' is matched on normalized text (normalized: true), which LossGen does not reproduce.");
            }

            added.Add(new AddedToken(content, id, JsonFiles.Bool(token, "lstrip", path, false), JsonFiles.Bool(token, "rstrip", path, false)));
        }

        return added;
    }

    // BertNormalizer is BertTokenizer's basic tokenizer: cleaning, CJK spacing, lower-casing and accent stripping.
    private static WordPieceOptions Normalizer(JsonObject? normalizer, string path, WordPieceOptions options)
    {
        string type = Type(normalizer, "normalizer", path);
        if (type != "BertNormalizer")
        {
            throw Unsupported(path, "normalizer", type, "BertNormalizer");
        }

        if (!JsonFiles.Bool(normalizer!, "clean_text", path, true))
        {
            throw new ModelFormatException(path, "normalizer.clean_text is false; BertTokenizer always cleans text.");
        }

        bool lowercase = JsonFiles.Bool(normalizer!, "lowercase", path, true);
        return options with
        {
            DoLowerCase = lowercase,
            StripAccents = normalizer!["strip_accents"] is null ? null : JsonFiles.Bool(normalizer, "strip_accents", path, lowercase),
            TokenizeChineseChars = JsonFiles.Bool(normalizer, "handle_chinese_chars", path, true),
            DoBasicTokenize = true,
        };
    }

    // [CLS] $A [SEP] and [CLS] $A [SEP] $B:1 [SEP]:1, as TemplateProcessing or BertProcessing spell it.
    private static void CheckTemplate(JsonObject? processor, string path, WordPieceOptions options)
    {
        string type = Type(processor, "post_processor", path);
        string[] single, pair;
        switch (type)
        {
            case "TemplateProcessing":
                single = Template(processor!["single"] as JsonArray, path);
                pair = Template(processor["pair"] as JsonArray, path);
                break;
            case "BertProcessing":
                string cls = (processor!["cls"] as JsonArray)?[0]?.GetValue<string>() ?? string.Empty;
                string sep = (processor["sep"] as JsonArray)?[0]?.GetValue<string>() ?? string.Empty;
                single = [cls + ":0", "A:0", sep + ":0"];
                pair = [cls + ":0", "A:0", sep + ":0", "B:1", sep + ":1"];
                break;
            default:
                throw Unsupported(path, "post_processor", type, "TemplateProcessing or BertProcessing");
        }

        string[] expectedSingle = [options.ClsToken + ":0", "A:0", options.SepToken + ":0"];
        string[] expectedPair = [.. expectedSingle, "B:1", options.SepToken + ":1"];
        if (!single.SequenceEqual(expectedSingle) || !pair.SequenceEqual(expectedPair))
        {
            throw new ModelFormatException(path, $"post_processor template [{string.Join(" ", single)}] / [{string.Join(" ", pair)}] is not BertTokenizer's [{string.Join(" ", expectedSingle)}] / [{string.Join(" ", expectedPair)}].");
        }
    }

    private static string[] Template(JsonArray? pieces, string path) =>
        pieces?.Select(piece => piece switch
        {
            JsonObject { } item when item["SpecialToken"] is JsonObject special => $"{special["id"]}:{special["type_id"]}",
            JsonObject { } item when item["Sequence"] is JsonObject sequence => $"{sequence["id"]}:{sequence["type_id"]}",
            _ => throw new ModelFormatException(path, $"post_processor template piece {piece?.ToJsonString()} is neither a SpecialToken nor a Sequence."),
        }).ToArray() ?? throw new ModelFormatException(path, "post_processor TemplateProcessing has no single or pair template.");

    // vocab.txt is the tokens in id order, so the ids must be exactly 0..N−1.
    private static string Vocabulary(JsonObject model, string path)
    {
        if (model["vocab"] is not JsonObject vocab)
        {
            throw new ModelFormatException(path, "model.vocab is not a token → id map.");
        }

        var tokens = new string?[vocab.Count];
        foreach ((string token, JsonNode? value) in vocab)
        {
            int id = value?.GetValue<int>() ?? -1;
            if (id < 0 || id >= tokens.Length || tokens[id] is not null)
            {
                throw new ModelFormatException(path, $"model.vocab gives '{token}' the id {id}; the ids must be 0..{tokens.Length - 1}, each once.");
            }

            tokens[id] = token;
        }

        var text = new StringBuilder();
        foreach (string? token in tokens)
        {
            text.Append(token).Append('\n');
        }

        return text.ToString();
    }

    private static void Expect(JsonObject json, string field, string expected, string path)
    {
        if (JsonFiles.String(json, field, path) is string value && value != expected)
        {
            throw new ModelFormatException(path, $"model.{field} is '{value}'; LossGen reproduces '{expected}'.");
        }
    }

    private static string Type(JsonObject? component, string name, string path) =>
        component is null ? "none" : JsonFiles.String(component, "type", path) ?? throw new ModelFormatException(path, $"{name} has no type.");

    private static ModelFormatException Unsupported(string path, string component, string type, string supported) =>
        new(path, $"{component} '{type}' is not one LossGen reads from tokenizer.json yet (it reads {supported}); a folder with the vocabulary files save_pretrained writes beside it loads through them.");
}
