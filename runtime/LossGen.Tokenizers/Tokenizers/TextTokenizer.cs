using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Tokenizers;

/// <summary>
/// A Hugging Face tokenizer of single texts, giving the ids its Python class gives: added tokens are matched first, the
/// rest is split into pieces, and the pieces are framed by the tokenizer's <see cref="Template"/> (such as
/// <c>[CLS] pieces… [SEP]</c>), truncated to a maximum length. WordPiece (BERT, DistilBERT, MPNet), SentencePiece
/// (XLM-RoBERTa), byte-level BPE (RoBERTa) and any <c>tokenizer.json</c> pipeline derive from it.
/// </summary>
public abstract class TextTokenizer
{
    private readonly AddedTokenSplitter _added;

    /// <summary>Creates the tokenizer with the tokens matched before splitting and the files it came from.</summary>
    protected TextTokenizer(IEnumerable<AddedToken> addedTokens, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(addedTokens);
        ArgumentNullException.ThrowIfNull(files);
        _added = new AddedTokenSplitter(addedTokens);
        Files = files;
    }

    /// <summary>The <c>tokenizer_class</c> transformers knows this tokenizer as.</summary>
    public abstract string TokenizerClass { get; }

    /// <summary>The special tokens around a text or a pair, with their token types.</summary>
    public abstract SequenceTemplate Template { get; }

    /// <summary>The padding id.</summary>
    public abstract int PadId { get; }

    /// <summary>The number of ids.</summary>
    public abstract int VocabularySize { get; }

    /// <summary>Where batches are padded (<c>padding_side</c>); right unless the folder says otherwise.</summary>
    public PaddingSide PaddingSide { get; internal set; }

    /// <summary>The tokenizer files (name → bytes) a saved model folder holds, as they were read or as this tokenizer writes them.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>The ids of one text framed by <see cref="Template"/>, its pieces cut so that at most <paramref name="maxSequenceLength"/> ids remain.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSequenceLength"/> cannot hold the special tokens.</exception>
    public int[] Encode(string text, int maxSequenceLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        int room = maxSequenceLength - Template.SpecialCount(pair: false);
        if (room < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSequenceLength), maxSequenceLength, $"{TokenizerClass} frames a text with {Template.SpecialCount(false)} special tokens; the maximum length must be at least that.");
        }

        List<int> pieces = Pieces(text, stopAt: room);
        return Template.Apply(pieces.Count > room ? pieces.GetRange(0, room).ToArray() : pieces.ToArray()).Ids;
    }

    /// <summary>The ids of all of <paramref name="text"/>'s pieces, added tokens matched first, with no special tokens and no truncation.</summary>
    public int[] EncodeWithoutSpecialTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Pieces(text, stopAt: int.MaxValue)];
    }

    /// <summary>
    /// A (query, document) pair framed by the pair <see cref="Template"/>, cut to <paramref name="maxLength"/> ids with
    /// <see cref="LongestFirstTruncation"/>: e.g. <c>[CLS] a [SEP] b [SEP]</c> with token types 0 and 1 (BERT), or
    /// <c>&lt;s&gt; a &lt;/s&gt;&lt;/s&gt; b &lt;/s&gt;</c> with type 0 throughout (RoBERTa, XLM-RoBERTa, MPNet).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> cannot hold the special tokens.</exception>
    public PairEncoding EncodePair(string first, string second, int maxLength)
    {
        int special = Template.SpecialCount(pair: true);
        if (maxLength < special)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"{TokenizerClass} frames a pair with {special} special tokens; max_length must be at least that.");
        }

        int[] a = EncodeWithoutSpecialTokens(first);
        int[] b = EncodeWithoutSpecialTokens(second);
        (int keepA, int keepB) = LongestFirstTruncation.Keep(a.Length, b.Length, maxLength - special);
        (int[] ids, int[] types) = Template.Apply(a.AsSpan(0, keepA), b.AsSpan(0, keepB));
        return new PairEncoding(ids, types, keepA, keepB);
    }

    /// <summary>
    /// Pads encoded sequences to the longest with <see cref="PadId"/> on the <see cref="PaddingSide"/>: row-major input
    /// ids and a 0/1 attention mask, both <c>rows × Length</c>.
    /// </summary>
    public (long[] InputIds, long[] AttentionMask, int Length) PadToLongest(IReadOnlyList<int[]> encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        int length = encoded.Count == 0 ? 0 : encoded.Max(e => e.Length);
        var ids = new long[encoded.Count * length];
        var mask = new long[encoded.Count * length];
        Array.Fill(ids, PadId);
        for (int row = 0; row < encoded.Count; row++)
        {
            int offset = (row * length) + (PaddingSide == PaddingSide.Left ? length - encoded[row].Length : 0);
            for (int column = 0; column < encoded[row].Length; column++)
            {
                ids[offset + column] = encoded[row][column];
                mask[offset + column] = 1;
            }
        }

        return (ids, mask, length);
    }

    /// <summary>The ids of the pieces of <paramref name="text"/>, a stretch holding no added token, without special tokens.</summary>
    protected abstract IEnumerable<int> EncodePieces(string text);

    /// <summary>
    /// As <see cref="EncodePieces(string)"/>, knowing whether the stretch starts the text (pre-tokenizers such as
    /// Metaspace with <c>prepend_scheme: first</c> treat the first stretch alone).
    /// </summary>
    protected virtual IEnumerable<int> EncodePieces(string text, bool atStart) => EncodePieces(text);

    private List<int> Pieces(string text, int stopAt)
    {
        var ids = new List<int>();
        foreach ((string segment, int? id, bool atStart) in _added.Split(text))
        {
            if (id is int special)
            {
                ids.Add(special);
            }
            else
            {
                ids.AddRange(EncodePieces(segment, atStart));
            }

            if (ids.Count > stopAt)
            {
                break;
            }
        }

        return ids;
    }
}
