using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.Tokenizers;

namespace LossGen.Tokenizers;

/// <summary>
/// transformers' slow RobertaTokenizer: GPT-2's byte-level BPE over <c>vocab.json</c> and <c>merges.txt</c>, with
/// RoBERTa's pre-tokenizer, as Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> computes it; <c>add_prefix_space</c>
/// is honoured and special tokens are matched in the text first.
/// </summary>
public sealed class RobertaTokenizer : TextTokenizer
{
    private readonly BpeTokenizer _bpe;
    private readonly bool _addPrefixSpace;
    private readonly int _unknownId;

    private RobertaTokenizer(BpeTokenizer bpe, SpecialTokenIds ids, bool addPrefixSpace, IEnumerable<AddedToken> added, IReadOnlyDictionary<string, byte[]> files)
        : base(added, files)
    {
        _bpe = bpe;
        _addPrefixSpace = addPrefixSpace;
        Template = SequenceTemplate.Roberta(ids.Start, ids.End);
        PadId = ids.Pad;
        _unknownId = ids.Unknown;
        VocabularySize = Math.Max(bpe.Vocabulary.Count, added.Select(a => a.Id + 1).DefaultIfEmpty(0).Max());
    }

    /// <inheritdoc />
    public override string TokenizerClass => "RobertaTokenizer";

    /// <inheritdoc />
    public override SequenceTemplate Template { get; }

    /// <inheritdoc />
    public override int PadId { get; }

    /// <inheritdoc />
    public override int VocabularySize { get; }

    /// <summary>Creates the tokenizer from <c>vocab.json</c> and <c>merges.txt</c> and its special tokens (cls, sep, pad, unk by text).</summary>
    /// <exception cref="InvalidDataException">The files are not a byte-level BPE vocabulary, or lack a special token.</exception>
    public static RobertaTokenizer FromFiles(byte[] vocabularyJson, byte[] merges, SpecialTokenNames names, bool addPrefixSpace, IEnumerable<AddedToken> addedTokens, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(vocabularyJson);
        ArgumentNullException.ThrowIfNull(merges);
        ArgumentNullException.ThrowIfNull(names);
        BpeTokenizer bpe;
        try
        {
            var vocabulary = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(vocabularyJson) ?? throw new InvalidDataException("vocab.json is null.");

            // merges.txt starts with a "#version" line that is no merge.
            string[] mergeLines = System.Text.Encoding.UTF8.GetString(merges).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')
                .Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal)).ToArray();
            bpe = BpeTokenizer.Create(new BpeOptions(vocabulary) { Merges = mergeLines, ByteLevel = true, PreTokenizer = RobertaPreTokenizer.Instance });
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"not a byte-level BPE vocabulary and merges: {e.Message}", e);
        }

        AddedToken[] added = addedTokens.ToArray();
        int Id(string token, string field) => added.FirstOrDefault(a => a.Content == token)?.Id
            ?? (bpe.Vocabulary.TryGetValue(token, out int id) ? id : throw new InvalidDataException($"vocab.json has no {field} '{token}'."));
        var ids = new SpecialTokenIds(Id(names.Start, "cls_token"), Id(names.End, "sep_token"), Id(names.Pad, "pad_token"), Id(names.Unknown, "unk_token"));
        return new RobertaTokenizer(bpe, ids, addPrefixSpace, added, files);
    }

    /// <inheritdoc />
    protected override IEnumerable<int> EncodePieces(string text)
    {
        string input = _addPrefixSpace && text.Length > 0 && !char.IsWhiteSpace(text[0]) ? " " + text : text;
        return _bpe.EncodeToIds(input).Select(id => id < 0 ? _unknownId : id);
    }

    private readonly record struct SpecialTokenIds(int Start, int End, int Pad, int Unknown);
}
