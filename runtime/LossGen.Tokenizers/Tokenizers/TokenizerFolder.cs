using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using LossGen.Serialization;
using LossGen.Tokenizers.Pipeline;

namespace LossGen.Tokenizers;

/// <summary>
/// Loads the tokenizer of a Hugging Face folder as transformers' slow tokenizer classes read it: the class from
/// <c>tokenizer_config.json</c> (or, without one, from the vocabulary files present), its settings, its special tokens
/// (from <c>tokenizer_config.json</c>, else <c>special_tokens_map.json</c>) and its added tokens (<c>added_tokens_decoder</c>).
/// Never hard-codes special ids: they are read from the vocabulary.
/// </summary>
public static class TokenizerFolder
{
    /// <summary>The files a tokenizer may be made of; those present are kept and written back on save.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "tokenizer.json", "vocab.txt", "sentencepiece.bpe.model", "vocab.json", "merges.txt"];

    private static readonly string[] WordPieceClasses = ["BertTokenizer", "DistilBertTokenizer", "MPNetTokenizer"];

    /// <summary>The tokenizer classes LossGen reproduces.</summary>
    public static IReadOnlyList<string> TokenizerClasses { get; } = [.. WordPieceClasses, "XLMRobertaTokenizer", "RobertaTokenizer"];

    /// <summary>
    /// Loads the tokenizer in <paramref name="folder"/>. Without a <c>tokenizer_class</c> in <c>tokenizer_config.json</c>
    /// or <c>config.json</c>, the class is the one transformers' AutoTokenizer maps <paramref name="modelType"/> to.
    /// </summary>
    /// <exception cref="ModelFormatException">A file is missing or malformed, or the tokenizer class is not one LossGen reproduces.</exception>
    public static TextTokenizer Load(string folder, string? modelType = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string name in FileNames)
        {
            string path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                files[name] = File.ReadAllBytes(path);
            }
        }

        string configPath = Path.Combine(folder, "tokenizer_config.json");
        JsonObject config = files.ContainsKey("tokenizer_config.json") ? JsonFiles.ReadObject(configPath) : new JsonObject();
        JsonObject map = files.ContainsKey("special_tokens_map.json") ? JsonFiles.ReadObject(Path.Combine(folder, "special_tokens_map.json")) : new JsonObject();
        string tokenizerClass = TokenizerClass(config, configPath, folder, modelType) ?? TokenizerClassFromFiles(files, folder);
        IReadOnlyList<AddedToken> added = AddedTokens(config, configPath);

        string? Special(string field, string? fallback) => SpecialToken(config, field, configPath) ?? SpecialToken(map, field, Path.Combine(folder, "special_tokens_map.json")) ?? fallback;
        TextTokenizer tokenizer = Create();
        string side = JsonFiles.String(config, "padding_side", configPath) ?? "right";
        tokenizer.PaddingSide = side switch
        {
            "right" => PaddingSide.Right,
            "left" => PaddingSide.Left,
            _ => throw new ModelFormatException(configPath, $"padding_side '{side}' is neither 'left' nor 'right'."),
        };
        return tokenizer;

        TextTokenizer Create()
        {
            string jsonPath = Path.Combine(folder, "tokenizer.json");
            JsonObject? pipeline = files.ContainsKey("tokenizer.json") ? JsonFiles.ReadObject(jsonPath) : null;
            try
            {
                // As transformers' fast tokenizers, tokenizer.json is preferred to the vocabulary files beside it.
                if (pipeline is not null && WordPieceJson.ModelType(pipeline, jsonPath) != "WordPiece")
                {
                    string fastClass = JsonFiles.String(config, "tokenizer_class", configPath) ?? "PreTrainedTokenizerFast";
                    return PreTrainedTokenizerFast.Read(pipeline, jsonPath, fastClass, Special("pad_token", null), files);
                }

                if (pipeline is not null && !WordPieceClasses.Contains(tokenizerClass))
                {
                    tokenizerClass = "BertTokenizer";
                }

                switch (tokenizerClass)
                {
                    case "BertTokenizer" or "DistilBertTokenizer" or "MPNetTokenizer":
                    {
                        bool mpnet = tokenizerClass == "MPNetTokenizer";
                        WordPieceOptions options = new()
                        {
                            TokenizerClass = tokenizerClass,
                            DoLowerCase = JsonFiles.Bool(config, "do_lower_case", configPath, true),
                            StripAccents = config["strip_accents"] is null ? null : JsonFiles.Bool(config, "strip_accents", configPath, false),
                            TokenizeChineseChars = JsonFiles.Bool(config, "tokenize_chinese_chars", configPath, true),
                            DoBasicTokenize = JsonFiles.Bool(config, "do_basic_tokenize", configPath, true),
                            ClsToken = Special("cls_token", mpnet ? "<s>" : "[CLS]")!,
                            SepToken = Special("sep_token", mpnet ? "</s>" : "[SEP]")!,
                            PadToken = Special("pad_token", mpnet ? "<pad>" : "[PAD]")!,
                            UnkToken = Special("unk_token", "[UNK]")!,
                            MaskToken = Special("mask_token", mpnet ? "<mask>" : "[MASK]")!,
                        };
                        string vocabulary = pipeline is null
                            ? Utf8(Require(files, folder, "vocab.txt"), Path.Combine(folder, "vocab.txt"))
                            : WordPieceJson.WordPieceVocabulary(pipeline, jsonPath, ref options);
                        var wordPiece = WordPieceTokenizer.FromVocabulary(vocabulary, options, added.Count > 0 ? added : null, files);
                        if (pipeline is not null)
                        {
                            WordPieceJson.CheckTemplate(pipeline, jsonPath, wordPiece);
                        }

                        return wordPiece;
                    }

                    case "XLMRobertaTokenizer":
                        return XlmRobertaTokenizer.FromModel(Require(files, folder, "sentencepiece.bpe.model"), files);

                    case "RobertaTokenizer":
                    {
                        var names = new SpecialTokenNames(Special("cls_token", "<s>")!, Special("sep_token", "</s>")!, Special("pad_token", "<pad>")!, Special("unk_token", "<unk>")!, Special("mask_token", "<mask>")!);
                        bool prefixSpace = JsonFiles.Bool(config, "add_prefix_space", configPath, false);
                        return RobertaTokenizer.FromFiles(Require(files, folder, "vocab.json"), Require(files, folder, "merges.txt"), names, prefixSpace, added, files);
                    }

                    default:
                        throw new ModelFormatException(configPath, $"tokenizer_class '{tokenizerClass}' is not a tokenizer LossGen reproduces; supported: {string.Join(", ", TokenizerClasses)}.");
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException)
            {
                throw new ModelFormatException(folder, $"the {tokenizerClass} files are not usable: {e.Message}", e);
            }
        }
    }

    // AutoTokenizer's order: tokenizer_config.json's class, config.json's class, the class of the model type.
    private static string? TokenizerClass(JsonObject config, string configPath, string folder, string? modelType)
    {
        string modelConfigPath = Path.Combine(folder, "config.json");
        string? named = JsonFiles.String(config, "tokenizer_class", configPath)
            ?? (File.Exists(modelConfigPath) ? JsonFiles.String(JsonFiles.ReadObject(modelConfigPath), "tokenizer_class", modelConfigPath) : null)
            ?? modelType switch
            {
                "bert" => "BertTokenizer",
                "distilbert" => "DistilBertTokenizer",
                "mpnet" => "MPNetTokenizer",
                "roberta" => "RobertaTokenizer",
                "xlm-roberta" => "XLMRobertaTokenizer",
                _ => null,
            };
        return named is not null && named.EndsWith("Fast", StringComparison.Ordinal) ? named[..^4] : named;
    }

    // With no class named anywhere and no model type, the vocabulary files say which slow class transformers would pick.
    private static string TokenizerClassFromFiles(Dictionary<string, byte[]> files, string folder)
    {
        if (files.ContainsKey("vocab.txt"))
        {
            return "BertTokenizer";
        }

        if (files.ContainsKey("sentencepiece.bpe.model"))
        {
            return "XLMRobertaTokenizer";
        }

        if (files.ContainsKey("vocab.json") && files.ContainsKey("merges.txt"))
        {
            return "RobertaTokenizer";
        }

        if (files.ContainsKey("tokenizer.json"))
        {
            string path = Path.Combine(folder, "tokenizer.json");
            return WordPieceJson.ModelType(JsonFiles.ReadObject(path), path) == "WordPiece" ? "BertTokenizer" : "PreTrainedTokenizerFast";
        }

        throw new ModelFormatException(folder, "has no tokenizer: no tokenizer_config.json, vocab.txt, sentencepiece.bpe.model, vocab.json + merges.txt or tokenizer.json.");
    }

    private static List<AddedToken> AddedTokens(JsonObject config, string configPath)
    {
        var added = new List<AddedToken>();
        if (config["added_tokens_decoder"] is not JsonObject decoder)
        {
            return added;
        }

        foreach ((string key, JsonNode? value) in decoder)
        {
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id) || value is not JsonObject token)
            {
                throw new ModelFormatException(configPath, $"added_tokens_decoder entry '{key}' is not an id with a token object.");
            }

            string content = JsonFiles.String(token, "content", configPath) ?? throw new ModelFormatException(configPath, $"added_tokens_decoder entry {id} has no content.");
            added.Add(new AddedToken(content, id, JsonFiles.Bool(token, "lstrip", configPath, false), JsonFiles.Bool(token, "rstrip", configPath, false)));
        }

        return added;
    }

    // A special token is a string, or transformers' serialized AddedToken {"content": ...}.
    private static string? SpecialToken(JsonObject json, string field, string path) => json[field] switch
    {
        null => null,
        JsonObject token => JsonFiles.String(token, "content", path),
        _ => JsonFiles.String(json, field, path),
    };

    private static byte[] Require(Dictionary<string, byte[]> files, string folder, string name) =>
        files.TryGetValue(name, out byte[]? bytes)
            ? bytes
            : throw new ModelFormatException(Path.Combine(folder, name), files.ContainsKey("tokenizer.json")
                ? "does not exist; LossGen reads the tokenizer from the vocabulary files save_pretrained writes beside tokenizer.json, not from tokenizer.json alone."
                : "does not exist; the tokenizer needs it.");

    private static string Utf8(byte[] bytes, string path)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException(path, $"is not valid UTF-8: {e.Message}", e);
        }
    }
}
