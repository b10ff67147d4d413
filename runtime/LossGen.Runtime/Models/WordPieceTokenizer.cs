using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Models;

/// <summary>
/// Hugging Face's uncased <c>BertTokenizer</c>, reimplemented to give the same ids: text cleaning, spaces around CJK
/// ideographs, lower-casing, accent stripping, punctuation splitting and greedy longest-match WordPiece, then
/// truncation to <c>max_seq_length</c> ([CLS] + pieces + [SEP]) and padding with attention masks.
/// </summary>
public sealed class WordPieceTokenizer
{
    private const int MaxCharactersPerWord = 100;
    private readonly Dictionary<string, int> _ids;

    private WordPieceTokenizer(string[] vocabulary)
    {
        Vocabulary = vocabulary;
        _ids = new Dictionary<string, int>(vocabulary.Length, StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Length; i++)
        {
            _ids.TryAdd(vocabulary[i], i);
        }

        ClsId = Require("[CLS]");
        SepId = Require("[SEP]");
        PadId = Require("[PAD]");
        UnknownId = Require("[UNK]");
    }

    /// <summary>The vocabulary, one token per id.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The id of [CLS].</summary>
    public int ClsId { get; }

    /// <summary>The id of [SEP].</summary>
    public int SepId { get; }

    /// <summary>The id of [PAD].</summary>
    public int PadId { get; }

    /// <summary>The id of [UNK].</summary>
    public int UnknownId { get; }

    /// <summary>Creates the tokenizer from a <c>vocab.txt</c> (one token per line; CRLF line ends are accepted).</summary>
    public static WordPieceTokenizer FromVocabulary(string vocabularyText)
    {
        ArgumentNullException.ThrowIfNull(vocabularyText);
        string[] tokens = vocabularyText.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        return new WordPieceTokenizer(tokens.Length > 0 && tokens[^1].Length == 0 ? tokens[..^1] : tokens);
    }

    /// <summary>The WordPiece tokens of <paramref name="text"/>, without special tokens.</summary>
    public IEnumerable<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string word in BasicTokens(text))
        {
            foreach (string piece in WordPieces(word))
            {
                yield return piece;
            }
        }
    }

    /// <summary>The ids of one text: [CLS], at most <paramref name="maxSequenceLength"/> − 2 pieces, [SEP].</summary>
    public int[] Encode(string text, int maxSequenceLength)
    {
        int[] pieces = Tokenize(text).Take(Math.Max(0, maxSequenceLength - 2)).Select(p => _ids.TryGetValue(p, out int id) ? id : UnknownId).ToArray();
        return [ClsId, .. pieces, SepId];
    }

    /// <summary>A padded batch: input ids and attention mask (B×T, int64) on <paramref name="device"/>.</summary>
    public (Tensor InputIds, Tensor AttentionMask) EncodeBatch(IReadOnlyList<string> texts, int maxSequenceLength, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int[][] encoded = texts.Select(t => Encode(t, maxSequenceLength)).ToArray();
        int length = encoded.Max(e => e.Length);
        var ids = new long[texts.Count * length];
        var mask = new long[texts.Count * length];
        for (int row = 0; row < encoded.Length; row++)
        {
            for (int column = 0; column < length; column++)
            {
                bool real = column < encoded[row].Length;
                ids[(row * length) + column] = real ? encoded[row][column] : PadId;
                mask[(row * length) + column] = real ? 1 : 0;
            }
        }

        return (tensor(ids, dtype: ScalarType.Int64, device: device).reshape(texts.Count, length), tensor(mask, dtype: ScalarType.Int64, device: device).reshape(texts.Count, length));
    }

    // BasicTokenizer: clean, isolate CJK ideographs, split on whitespace, lower-case, strip accents, split punctuation.
    private static IEnumerable<string> BasicTokens(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (rune.Value == 0 || rune.Value == 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (IsWhitespace(rune))
            {
                cleaned.Append(' ');
            }
            else if (IsCjk(rune.Value))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                cleaned.Append(rune.ToString());
            }
        }

        foreach (string word in cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string stripped = StripAccents(word.ToLowerInvariant());
            var current = new StringBuilder();
            foreach (Rune rune in stripped.EnumerateRunes())
            {
                if (IsPunctuation(rune))
                {
                    if (current.Length > 0)
                    {
                        yield return current.ToString();
                        current.Clear();
                    }

                    yield return rune.ToString();
                }
                else
                {
                    current.Append(rune.ToString());
                }
            }

            if (current.Length > 0)
            {
                yield return current.ToString();
            }
        }
    }

    // Greedy longest-match-first; a word with an unmatched piece, or over 100 characters, is one [UNK].
    private IEnumerable<string> WordPieces(string word)
    {
        string[] characters = word.EnumerateRunes().Select(r => r.ToString()).ToArray();
        if (characters.Length > MaxCharactersPerWord)
        {
            return ["[UNK]"];
        }

        var pieces = new List<string>();
        for (int start = 0; start < characters.Length;)
        {
            string? match = null;
            int end = characters.Length;
            for (; end > start; end--)
            {
                string candidate = (start > 0 ? "##" : string.Empty) + string.Concat(characters[start..end]);
                if (_ids.ContainsKey(candidate))
                {
                    match = candidate;
                    break;
                }
            }

            if (match is null)
            {
                return ["[UNK]"];
            }

            pieces.Add(match);
            start = end;
        }

        return pieces;
    }

    private static string StripAccents(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (Rune rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static bool IsWhitespace(Rune rune) => rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    // Hugging Face treats every "C*" category as control, except the whitespace characters.
    private static bool IsControl(Rune rune) => rune.Value is not ('\t' or '\n' or '\r') && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static bool IsPunctuation(Rune rune)
    {
        int c = rune.Value;
        if (c is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(int c) => c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
        or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF)
        or (>= 0x2F800 and <= 0x2FA1F);

    private int Require(string token) => _ids.TryGetValue(token, out int id) ? id : throw new ArgumentException($"The vocabulary has no {token} token.");
}
