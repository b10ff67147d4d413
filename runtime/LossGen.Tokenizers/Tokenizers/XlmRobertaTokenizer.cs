using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MlSentencePiece = Microsoft.ML.Tokenizers.SentencePieceTokenizer;

namespace LossGen.Tokenizers;

/// <summary>
/// transformers' slow XLMRobertaTokenizer: a SentencePiece model (<c>sentencepiece.bpe.model</c>) with fairseq's ids —
/// &lt;s&gt;=0, &lt;pad&gt;=1, &lt;/s&gt;=2, &lt;unk&gt;=3, SentencePiece piece k (k ≥ 3) at k + 1, &lt;mask&gt; last. Segmentation
/// (normalisation, Viterbi) is Microsoft.ML.Tokenizers'; what it lacks is done here: SentencePiece merges a run of
/// unknown pieces into one &lt;unk&gt;, and the fairseq id offset.
/// </summary>
public sealed class XlmRobertaTokenizer : TextTokenizer
{
    private const int FairseqOffset = 1;
    private const int UnknownId = 3;
    private readonly MlSentencePiece _model;

    private XlmRobertaTokenizer(MlSentencePiece model, int pieceCount, IEnumerable<AddedToken> added, IReadOnlyDictionary<string, byte[]> files, string tokenizerClass)
        : base(added, files)
    {
        _model = model;
        VocabularySize = pieceCount + FairseqOffset + 1;
        TokenizerClass = tokenizerClass;
    }

    /// <inheritdoc />
    public override string TokenizerClass { get; }

    /// <inheritdoc />
    public override SequenceTemplate Template { get; } = SequenceTemplate.Roberta(0, 2);

    /// <inheritdoc />
    public override int PadId => 1;

    /// <summary>The id of &lt;mask&gt;, after every piece.</summary>
    public int MaskId => VocabularySize - 1;

    /// <inheritdoc />
    public override int VocabularySize { get; }

    /// <summary>Creates the tokenizer from the bytes of a SentencePiece model.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a SentencePiece model.</exception>
    public static XlmRobertaTokenizer FromModel(byte[] sentencePieceModel, IReadOnlyDictionary<string, byte[]> files, string tokenizerClass = "XLMRobertaTokenizer")
    {
        ArgumentNullException.ThrowIfNull(sentencePieceModel);
        MlSentencePiece model;
        try
        {
            model = MlSentencePiece.Create(new MemoryStream(sentencePieceModel, writable: false), false, false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IOException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"not a SentencePiece model: {e.Message}", e);
        }

        int pieces = model.Vocabulary.Count;
        var added = new List<AddedToken> { new("<s>", 0), new("<pad>", 1), new("</s>", 2), new("<unk>", UnknownId), new("<mask>", pieces + FairseqOffset, LeftStrip: true) };
        return new XlmRobertaTokenizer(model, pieces, added, files, tokenizerClass);
    }

    /// <inheritdoc />
    protected override IEnumerable<int> EncodePieces(string text)
    {
        bool previousUnknown = false;
        foreach (var token in _model.EncodeToTokens(text, out _, addBeginningOfSentence: false, addEndOfSentence: false))
        {
            // SentencePiece id 0 is <unk>; the other control ids (<s>, </s>) never come out of segmentation.
            bool unknown = token.Id == 0;
            if (unknown && previousUnknown)
            {
                continue;
            }

            previousUnknown = unknown;
            yield return unknown ? UnknownId : token.Id + FairseqOffset;
        }
    }
}
