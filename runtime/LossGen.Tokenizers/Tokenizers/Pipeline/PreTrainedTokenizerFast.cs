using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Serialization;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// transformers' fast tokenizer: the <c>tokenizer.json</c> pipeline of the Rust <c>tokenizers</c> library — added
/// tokens matched on the raw text, the normalizer, added tokens matched on the normalized text
/// (<c>normalized: true</c>), the pre-tokenizer, the BPE or Unigram model, and the post-processor's template.
/// Every component is read by <see cref="Normalizers"/>, <see cref="PreTokenizers"/>, <see cref="PostProcessors"/> and
/// the models, each refusing what it does not reproduce by name.
/// </summary>
public sealed class PreTrainedTokenizerFast : TextTokenizer
{
    private readonly Func<string, string> _normalize;
    private readonly Func<PreToken, IEnumerable<PreToken>> _preTokenize;
    private readonly Func<string, IEnumerable<int>> _model;
    private readonly AddedTokenSplitter _normalizedTokens;

    private PreTrainedTokenizerFast(Pipeline pipeline, IEnumerable<AddedToken> rawTokens, IEnumerable<AddedToken> normalizedTokens, IReadOnlyDictionary<string, byte[]> files)
        : base(rawTokens, files)
    {
        (_normalize, _preTokenize, _model) = (pipeline.Normalize, pipeline.PreTokenize, pipeline.Model);
        _normalizedTokens = new AddedTokenSplitter(normalizedTokens);
        (TokenizerClass, Template, PadId, VocabularySize) = (pipeline.TokenizerClass, pipeline.Template, pipeline.PadId, pipeline.VocabularySize);
    }

    /// <inheritdoc />
    public override string TokenizerClass { get; }

    /// <inheritdoc />
    public override SequenceTemplate Template { get; }

    /// <inheritdoc />
    public override int PadId { get; }

    /// <inheritdoc />
    public override int VocabularySize { get; }

    /// <summary>
    /// Reads a BPE or Unigram <c>tokenizer.json</c>; <paramref name="padToken"/> (from <c>tokenizer_config.json</c>) is
    /// looked up among its tokens.
    /// </summary>
    /// <exception cref="ModelFormatException">A component, field or token LossGen does not reproduce or cannot find, by name.</exception>
    public static PreTrainedTokenizerFast Read(JsonObject json, string path, string tokenizerClass, string? padToken, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(json);
        var model = json["model"] as JsonObject ?? throw PipelineJson.Missing(path, "tokenizer.json", "model");
        string type = PipelineJson.Type(model, "model", path);
        (Func<string, IEnumerable<int>> encode, IReadOnlyDictionary<string, int> vocabulary) = type switch
        {
            "BPE" => BytePairEncoding.Read(model, path) is var bpe ? ((Func<string, IEnumerable<int>>)bpe.Tokenize, bpe.Vocabulary) : default,
            "Unigram" => UnigramModel.Read(model, path) is var unigram ? (unigram.Tokenize, unigram.Vocabulary) : default,
            _ => throw PipelineJson.Unsupported(path, "model", type, "BPE and Unigram here, WordPiece through BertTokenizer"),
        };

        IReadOnlyList<(AddedToken Token, bool Normalized)> added = AddedTokens(json, path);
        int? Find(string token) => added.FirstOrDefault(a => a.Token.Content == token).Token?.Id ?? (vocabulary.TryGetValue(token, out int id) ? id : null);
        int pad = padToken is null
            ? throw new ModelFormatException(path, "the tokenizer has no pad_token (tokenizer_config.json); transformers cannot pad a batch without one.")
            : Find(padToken) ?? throw new ModelFormatException(path, $"pad_token '{padToken}' is neither an added token nor in model.vocab.");
        int size = Math.Max(vocabulary.Values.DefaultIfEmpty(-1).Max(), added.Select(a => a.Token.Id).DefaultIfEmpty(-1).Max()) + 1;
        var pipeline = new Pipeline(
            Normalizers.Read(json["normalizer"] as JsonObject, path),
            PreTokenizers.Read(json["pre_tokenizer"] as JsonObject, path),
            encode,
            PostProcessors.Read(json["post_processor"] as JsonObject, path),
            tokenizerClass,
            pad,
            size);
        return new PreTrainedTokenizerFast(pipeline, added.Where(a => !a.Normalized).Select(a => a.Token), added.Where(a => a.Normalized).Select(a => a.Token), files);
    }

    /// <inheritdoc />
    protected override IEnumerable<int> EncodePieces(string text) => EncodePieces(text, atStart: false);

    /// <inheritdoc />
    protected override IEnumerable<int> EncodePieces(string text, bool atStart)
    {
        var ids = new List<int>();
        foreach ((string segment, int? id, bool first) in _normalizedTokens.Split(_normalize(text)))
        {
            if (id is int token)
            {
                ids.Add(token);
                continue;
            }

            foreach (PreToken piece in _preTokenize(new PreToken(segment, atStart && first)))
            {
                ids.AddRange(_model(piece.Text));
            }
        }

        return ids;
    }

    // added_tokens of tokenizer.json; those with normalized: true are matched after the normalizer, as the library does.
    private static List<(AddedToken Token, bool Normalized)> AddedTokens(JsonObject json, string path)
    {
        var added = new List<(AddedToken, bool)>();
        foreach (JsonNode? node in json["added_tokens"] as JsonArray ?? [])
        {
            if (node is not JsonObject token || JsonFiles.String(token, "content", path) is not string content || JsonFiles.Int(token, "id", path) is not int id)
            {
                throw new ModelFormatException(path, "added_tokens holds an entry without a content and an id.");
            }

            if (JsonFiles.Bool(token, "single_word", path, false))
            {
                throw new ModelFormatException(path, $"added token '{content}' has single_word: true, which LossGen does not reproduce.");
            }

            added.Add((new AddedToken(content, id, JsonFiles.Bool(token, "lstrip", path, false), JsonFiles.Bool(token, "rstrip", path, false)), JsonFiles.Bool(token, "normalized", path, false)));
        }

        return added;
    }

    private sealed record Pipeline(
        Func<string, string> Normalize,
        Func<PreToken, IEnumerable<PreToken>> PreTokenize,
        Func<string, IEnumerable<int>> Model,
        SequenceTemplate Template,
        string TokenizerClass,
        int PadId,
        int VocabularySize);
}
