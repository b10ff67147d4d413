using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using LossGen.Serialization;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// A WordPiece <c>tokenizer.json</c> as the <c>vocab.txt</c> and settings of <see cref="WordPieceTokenizer"/>, the
/// reimplementation of BertTokenizer: each component is checked to be the BERT pipeline (BertNormalizer,
/// BertPreTokenizer, WordPiece with <c>##</c>, a <c>[CLS] $A [SEP]</c> template) and any other is refused by its type and
/// field.
/// </summary>
public static class WordPieceJson
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

        return Vocabulary(model, path);
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

    /// <summary>
    /// Refuses a <c>post_processor</c> that frames texts otherwise than <paramref name="tokenizer"/> (BERT's
    /// <c>[CLS] $A [SEP]</c>, MPNet's <c>&lt;s&gt; $A &lt;/s&gt;</c>), whatever processor spells it.
    /// </summary>
    /// <exception cref="ModelFormatException">The template differs, by its ids.</exception>
    public static void CheckTemplate(JsonObject json, string path, TextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tokenizer);
        SequenceTemplate declared = PostProcessors.Read(json["post_processor"] as JsonObject, path);
        if (!declared.SameAs(tokenizer.Template))
        {
            throw new ModelFormatException(path, $"post_processor frames texts as {declared} (ids), not as {tokenizer.TokenizerClass}'s {tokenizer.Template}.");
        }
    }

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
        PipelineJson.Unsupported(path, component, type, supported + " with a WordPiece model");
}
