using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.Tokenizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Models;

/// <summary>
/// Hugging Face's uncased BertTokenizer: basic tokenisation, accent stripping, CJK splitting and WordPiece, with
/// truncation to <c>max_seq_length</c> ([CLS] + pieces + [SEP]) and padding with attention masks.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly BertTokenizer _tokenizer;

    private WordPieceTokenizer(BertTokenizer tokenizer, IReadOnlyList<string> vocabulary)
    {
        _tokenizer = tokenizer;
        Vocabulary = vocabulary;
        ClsId = tokenizer.ClassificationTokenId;
        SepId = tokenizer.SeparatorTokenId;
        PadId = tokenizer.PaddingTokenId;
    }

    /// <summary>The vocabulary, one token per id.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The id of [CLS].</summary>
    public int ClsId { get; }

    /// <summary>The id of [SEP].</summary>
    public int SepId { get; }

    /// <summary>The id of [PAD].</summary>
    public int PadId { get; }

    /// <summary>Creates the tokenizer from a <c>vocab.txt</c> (one token per line; CRLF line ends are accepted).</summary>
    public static WordPieceTokenizer FromVocabulary(string vocabularyText)
    {
        ArgumentNullException.ThrowIfNull(vocabularyText);
        string[] tokens = vocabularyText.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        if (tokens.Length > 0 && tokens[^1].Length == 0)
        {
            tokens = tokens[..^1];
        }

        string normalized = string.Join('\n', tokens) + "\n";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(normalized));
        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            RemoveNonSpacingMarks = true,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
            SplitOnSpecialTokens = true,
        };
        return new WordPieceTokenizer(BertTokenizer.Create(stream, options), tokens);
    }

    /// <summary>The ids of one text: [CLS], at most <paramref name="maxSequenceLength"/> − 2 pieces, [SEP].</summary>
    public int[] Encode(string text, int maxSequenceLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyList<int> pieces = _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        int kept = Math.Min(pieces.Count, Math.Max(0, maxSequenceLength - 2));
        var ids = new int[kept + 2];
        ids[0] = ClsId;
        for (int i = 0; i < kept; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[^1] = SepId;
        return ids;
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
}
