using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Tokenizers;

/// <summary>
/// A Hugging Face tokenizer of single texts, giving the ids its Python class gives: added tokens are matched first, the
/// rest is split into pieces, and the ids are framed as <c>[start] pieces… [end]</c>, truncated to a maximum length.
/// WordPiece (BERT, DistilBERT, MPNet), SentencePiece (XLM-RoBERTa) and byte-level BPE (RoBERTa) derive from it.
/// </summary>
public abstract class TextTokenizer
{
    private readonly AddedToken[] _added;

    /// <summary>Creates the tokenizer with the tokens matched before splitting and the files it came from.</summary>
    protected TextTokenizer(IEnumerable<AddedToken> addedTokens, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(addedTokens);
        ArgumentNullException.ThrowIfNull(files);

        // Longest first, so that a token containing another is matched whole.
        _added = addedTokens.Where(t => t.Content.Length > 0).OrderByDescending(t => t.Content.Length).ToArray();
        Files = files;
    }

    /// <summary>The <c>tokenizer_class</c> transformers knows this tokenizer as.</summary>
    public abstract string TokenizerClass { get; }

    /// <summary>The id that starts every sequence ([CLS] or &lt;s&gt;).</summary>
    public abstract int StartId { get; }

    /// <summary>The id that ends every sequence ([SEP] or &lt;/s&gt;).</summary>
    public abstract int EndId { get; }

    /// <summary>The padding id.</summary>
    public abstract int PadId { get; }

    /// <summary>The number of ids.</summary>
    public abstract int VocabularySize { get; }

    /// <summary>The tokenizer files (name → bytes) a saved model folder holds, as they were read or as this tokenizer writes them.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>The ids of one text: start, at most <paramref name="maxSequenceLength"/> − 2 pieces, end.</summary>
    public int[] Encode(string text, int maxSequenceLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 2);
        var ids = new List<int> { StartId };
        foreach ((string segment, int? id) in SplitOnAddedTokens(text))
        {
            if (id is int special)
            {
                ids.Add(special);
            }
            else
            {
                ids.AddRange(EncodePieces(segment));
            }

            if (ids.Count > maxSequenceLength - 1)
            {
                break;
            }
        }

        int keep = Math.Min(ids.Count, maxSequenceLength - 1);
        return [.. ids.Take(keep), EndId];
    }

    /// <summary>The ids of all of <paramref name="text"/>'s pieces, added tokens matched first, with no start or end id and no truncation.</summary>
    public int[] EncodeWithoutSpecialTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        foreach ((string segment, int? id) in SplitOnAddedTokens(text))
        {
            if (id is int special)
            {
                ids.Add(special);
            }
            else
            {
                ids.AddRange(EncodePieces(segment));
            }
        }

        return [.. ids];
    }

    /// <summary>
    /// A (query, document) pair framed as this tokenizer's Python class frames it, cut to <paramref name="maxLength"/>
    /// ids with <see cref="LongestFirstTruncation"/>: <c>[CLS] a [SEP] b [SEP]</c> with token types 0 and 1 (BERT), or
    /// <c>&lt;s&gt; a &lt;/s&gt;&lt;/s&gt; b &lt;/s&gt;</c> with type 0 throughout (RoBERTa, XLM-RoBERTa, MPNet).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> cannot hold the special tokens.</exception>
    public PairEncoding EncodePair(string first, string second, int maxLength)
    {
        int special = FramesPairsLikeRoberta ? 4 : 3;
        if (maxLength < special)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"{TokenizerClass} frames a pair with {special} special tokens; max_length must be at least that.");
        }

        int[] a = EncodeWithoutSpecialTokens(first);
        int[] b = EncodeWithoutSpecialTokens(second);
        (int keepA, int keepB) = LongestFirstTruncation.Keep(a.Length, b.Length, maxLength - special);
        int[] middle = FramesPairsLikeRoberta ? [EndId, EndId] : [EndId];
        int[] ids = [StartId, .. a.AsSpan(0, keepA), .. middle, .. b.AsSpan(0, keepB), EndId];
        var types = new int[ids.Length];
        if (!FramesPairsLikeRoberta)
        {
            Array.Fill(types, 1, keepA + 2, ids.Length - (keepA + 2));
        }

        return new PairEncoding(ids, types, keepA, keepB);
    }

    /// <summary>Whether pairs are framed as RoBERTa frames them (two separators between the texts, one token type).</summary>
    protected virtual bool FramesPairsLikeRoberta => false;

    /// <summary>
    /// Pads encoded sequences to the longest with <see cref="PadId"/>: row-major input ids and a 0/1 attention mask, both
    /// <c>rows × Length</c>.
    /// </summary>
    public (long[] InputIds, long[] AttentionMask, int Length) PadToLongest(IReadOnlyList<int[]> encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        int length = encoded.Count == 0 ? 0 : encoded.Max(e => e.Length);
        var ids = new long[encoded.Count * length];
        var mask = new long[encoded.Count * length];
        for (int row = 0; row < encoded.Count; row++)
        {
            for (int column = 0; column < length; column++)
            {
                bool real = column < encoded[row].Length;
                ids[(row * length) + column] = real ? encoded[row][column] : PadId;
                mask[(row * length) + column] = real ? 1 : 0;
            }
        }

        return (ids, mask, length);
    }

    /// <summary>The ids of the pieces of <paramref name="text"/>, a stretch holding no added token, without start and end.</summary>
    protected abstract IEnumerable<int> EncodePieces(string text);

    // transformers' slow tokenizers cut the text at added tokens first (its trie), honouring each token's lstrip/rstrip.
    private List<(string Segment, int? Id)> SplitOnAddedTokens(string text)
    {
        var parts = new List<(string Segment, int? Id)>();
        int start = 0;
        for (int i = 0; i < text.Length;)
        {
            AddedToken? match = _added.Length == 0 ? null : Array.Find(_added, t => string.CompareOrdinal(text, i, t.Content, 0, t.Content.Length) == 0);
            if (match is null)
            {
                i++;
                continue;
            }

            string before = text[start..i];
            parts.Add((match.LeftStrip ? before.TrimEnd() : before, null));
            parts.Add((match.Content, match.Id));
            i += match.Content.Length;
            if (match.RightStrip)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }

            start = i;
        }

        parts.Add((text[start..], null));
        parts.RemoveAll(p => p.Id is null && p.Segment.Length == 0);
        return parts;
    }
}
