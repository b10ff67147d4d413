using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LossGen.Serialization;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// The <c>tokenizers</c> library's Unigram model (SentencePiece's unigram): the segmentation of highest total
/// log-probability (Viterbi, in float64 as the reference sums), a character no piece covers costing the lowest score
/// minus 10 as the unknown piece, consecutive unknowns fused into one, or given as byte tokens with
/// <c>byte_fallback</c>. Written here because Microsoft.ML.Tokenizers builds Unigram only from a SentencePiece model
/// file, not from <c>tokenizer.json</c>'s piece list.
/// </summary>
internal sealed class UnigramModel
{
    private const double UnknownPenalty = 10.0;
    private readonly Dictionary<string, int> _ids;
    private readonly double[] _scores;
    private readonly int _maxPieceLength;
    private readonly int _unknownId;
    private readonly double _unknownScore;
    private readonly bool _byteFallback;

    private UnigramModel(Dictionary<string, int> ids, double[] scores, int unknownId, bool byteFallback)
    {
        _ids = ids;
        _scores = scores;
        _unknownId = unknownId;
        _byteFallback = byteFallback;
        double min = double.PositiveInfinity;
        foreach (double score in scores)
        {
            min = Math.Min(min, score);
        }

        _unknownScore = min - UnknownPenalty;
        foreach (string piece in ids.Keys)
        {
            _maxPieceLength = Math.Max(_maxPieceLength, piece.Length);
        }
    }

    /// <summary>The piece → id map.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary => _ids;

    /// <summary>Reads the <c>model</c> object of a Unigram <c>tokenizer.json</c>.</summary>
    /// <exception cref="ModelFormatException">A field is malformed.</exception>
    public static UnigramModel Read(JsonObject model, string path)
    {
        var pieces = model["vocab"] as JsonArray ?? throw PipelineJson.Missing(path, "model Unigram", "vocab");
        var ids = new Dictionary<string, int>(pieces.Count, StringComparer.Ordinal);
        var scores = new double[pieces.Count];
        for (int id = 0; id < pieces.Count; id++)
        {
            if (pieces[id] is not JsonArray { Count: 2 } entry)
            {
                throw new ModelFormatException(path, $"model.vocab entry {id} is not a [piece, score] pair.");
            }

            ids.TryAdd(entry[0]!.GetValue<string>(), id);
            scores[id] = entry[1]!.GetValue<double>();
        }

        int unknown = JsonFiles.Int(model, "unk_id", path) ?? throw new ModelFormatException(path, "model Unigram has no unk_id; LossGen needs it for characters no piece covers.");
        if (unknown < 0 || unknown >= pieces.Count)
        {
            throw new ModelFormatException(path, $"model.unk_id {unknown} is outside the {pieces.Count} pieces.");
        }

        return new UnigramModel(ids, scores, unknown, JsonFiles.Bool(model, "byte_fallback", path, false));
    }

    /// <summary>The ids of one pre-tokenized piece.</summary>
    public IEnumerable<int> Tokenize(string text)
    {
        // best[e] = the best segmentation of text[..e]: its score, where its last piece starts, and that piece's id.
        int n = text.Length;
        var score = new double[n + 1];
        var start = new int[n + 1];
        var id = new int[n + 1];
        Array.Fill(start, -1);
        for (int from = 0; from < n;)
        {
            int width = char.IsSurrogatePair(text, from) ? 2 : 1;
            bool single = false;
            if (from == 0 || start[from] >= 0)
            {
                for (int length = 1; length <= _maxPieceLength && from + length <= n; length++)
                {
                    if (char.IsHighSurrogate(text[from + length - 1]) || !_ids.TryGetValue(text.Substring(from, length), out int piece))
                    {
                        continue;
                    }

                    Relax(from + length, score[from] + _scores[piece], from, piece);
                    single |= length == width;
                }

                if (!single)
                {
                    Relax(from + width, score[from] + _unknownScore, from, _unknownId);
                }
            }

            from += width;
        }

        var pieces = new List<(int Start, int End, int Id)>();
        for (int end = n; end > 0; end = start[end])
        {
            pieces.Add((start[end], end, id[end]));
        }

        pieces.Reverse();
        var ids = new List<int>(pieces.Count);
        for (int i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Id != _unknownId)
            {
                ids.Add(pieces[i].Id);
                continue;
            }

            // A run of unknown pieces is one unknown token (fuse_unk), or the run's bytes with byte_fallback.
            int runStart = pieces[i].Start;
            while (i + 1 < pieces.Count && pieces[i + 1].Id == _unknownId)
            {
                i++;
            }

            string run = text[runStart..pieces[i].End];
            if (_ids.TryGetValue(run, out int known) && known != _unknownId)
            {
                ids.Add(known);
            }
            else if (_byteFallback && ByteFallback.Ids(_ids, run) is int[] bytes)
            {
                ids.AddRange(bytes);
            }
            else
            {
                ids.Add(_unknownId);
            }
        }

        return ids;

        void Relax(int end, double candidate, int from, int piece)
        {
            if (start[end] < 0 || candidate > score[end])
            {
                score[end] = candidate;
                start[end] = from;
                id[end] = piece;
            }
        }
    }
}
