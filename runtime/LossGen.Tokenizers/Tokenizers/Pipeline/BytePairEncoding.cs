using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using LossGen.Serialization;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// The <c>tokenizers</c> library's BPE model: a word starts as its characters (with <c>continuing_subword_prefix</c> /
/// <c>end_of_word_suffix</c>), characters outside the vocabulary become byte tokens <c>&lt;0xNN&gt;</c>
/// (<c>byte_fallback</c>) or the unknown token (consecutive ones fused with <c>fuse_unk</c>), and the pair of lowest
/// merge rank, leftmost first, is merged until none is left. Written here rather than with Microsoft.ML.Tokenizers'
/// BpeTokenizer, which has no byte fallback, no fused unknowns and its own pre-tokenization.
/// </summary>
internal sealed class BytePairEncoding
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<(int, int), (int Rank, int Merged)> _merges;
    private readonly int? _unknownId;
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly bool _fuseUnknown;
    private readonly bool _byteFallback;
    private readonly bool _ignoreMerges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    private BytePairEncoding(Dictionary<string, int> vocabulary, Dictionary<(int, int), (int, int)> merges, int? unknownId, string prefix, string suffix, bool fuseUnknown, bool byteFallback, bool ignoreMerges)
    {
        _vocabulary = vocabulary;
        _merges = merges;
        _unknownId = unknownId;
        _prefix = prefix;
        _suffix = suffix;
        _fuseUnknown = fuseUnknown;
        _byteFallback = byteFallback;
        _ignoreMerges = ignoreMerges;
    }

    /// <summary>The token → id map.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary;

    /// <summary>Reads the <c>model</c> object of a BPE <c>tokenizer.json</c>.</summary>
    /// <exception cref="ModelFormatException">A field is malformed or asks for what LossGen does not reproduce (dropout).</exception>
    public static BytePairEncoding Read(JsonObject model, string path)
    {
        if (model["dropout"] is JsonValue dropout && dropout.GetValue<double>() > 0)
        {
            throw new ModelFormatException(path, "model BPE has dropout, which draws random merges; LossGen encodes deterministically as inference does. Set dropout to null.");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string token, JsonNode? id) in model["vocab"] as JsonObject ?? throw PipelineJson.Missing(path, "model BPE", "vocab"))
        {
            vocabulary[token] = id?.GetValue<int>() ?? throw new ModelFormatException(path, $"model.vocab gives '{token}' no id.");
        }

        string prefix = JsonFiles.String(model, "continuing_subword_prefix", path) ?? string.Empty;
        var merges = new Dictionary<(int, int), (int, int)>();
        int rank = 0;
        foreach (JsonNode? node in model["merges"] as JsonArray ?? throw PipelineJson.Missing(path, "model BPE", "merges"))
        {
            // Two spellings: "a b" (older files) and ["a", "b"].
            (string left, string right) = node switch
            {
                JsonArray { Count: 2 } pair => (pair[0]!.GetValue<string>(), pair[1]!.GetValue<string>()),
                JsonValue text when text.GetValue<string>().Split(' ') is [string a, string b] => (a, b),
                _ => throw new ModelFormatException(path, $"model.merges entry {rank} ({node?.ToJsonString()}) is not a pair of tokens."),
            };
            string merged = left + (right.StartsWith(prefix, StringComparison.Ordinal) ? right[prefix.Length..] : right);
            if (!vocabulary.TryGetValue(left, out int l) || !vocabulary.TryGetValue(right, out int r) || !vocabulary.TryGetValue(merged, out int m))
            {
                throw new ModelFormatException(path, $"model.merges entry {rank} ('{left}' '{right}') names a token missing from model.vocab.");
            }

            merges.TryAdd((l, r), (rank++, m));
        }

        string? unknown = JsonFiles.String(model, "unk_token", path);
        int? unknownId = unknown is null ? null : vocabulary.TryGetValue(unknown, out int u) ? u : throw new ModelFormatException(path, $"model.unk_token '{unknown}' is not in model.vocab.");
        return new BytePairEncoding(vocabulary, merges, unknownId, prefix, JsonFiles.String(model, "end_of_word_suffix", path) ?? string.Empty,
            JsonFiles.Bool(model, "fuse_unk", path, false), JsonFiles.Bool(model, "byte_fallback", path, false), JsonFiles.Bool(model, "ignore_merges", path, false));
    }

    /// <summary>The ids of one pre-tokenized word.</summary>
    public int[] Tokenize(string word) => word.Length == 0 ? [] : _cache.GetOrAdd(word, Merge);

    private int[] Merge(string word)
    {
        if (_ignoreMerges && _vocabulary.TryGetValue(word, out int whole))
        {
            return [whole];
        }

        var symbols = new List<int>(word.Length);
        int? pendingUnknown = null;
        int count = word.EnumerateRunes().Count(), index = 0;
        foreach (Rune rune in word.EnumerateRunes())
        {
            string symbol = (index > 0 ? _prefix : string.Empty) + rune.ToString() + (index == count - 1 ? _suffix : string.Empty);
            index++;
            if (_vocabulary.TryGetValue(symbol, out int id))
            {
                FlushUnknown();
                symbols.Add(id);
                continue;
            }

            if (_byteFallback && ByteFallback.Ids(_vocabulary, symbol) is int[] bytes)
            {
                FlushUnknown();
                symbols.AddRange(bytes);
                continue;
            }

            // Without an unknown token the tokenizers library drops the character; so does LossGen, to give its ids.
            if (_unknownId is not int unknown)
            {
                continue;
            }

            if (pendingUnknown is not null && !_fuseUnknown)
            {
                symbols.Add(unknown);
            }

            pendingUnknown = unknown;
        }

        FlushUnknown();
        MergeAll(symbols);
        return [.. symbols];

        void FlushUnknown()
        {
            if (pendingUnknown is int pending)
            {
                symbols.Add(pending);
                pendingUnknown = null;
            }
        }
    }

    // The lowest-ranked adjacent pair is merged, the leftmost on a tie, until no pair has a merge.
    private void MergeAll(List<int> symbols)
    {
        while (symbols.Count > 1)
        {
            int best = -1, bestRank = int.MaxValue, bestMerged = 0;
            for (int i = 0; i < symbols.Count - 1; i++)
            {
                if (_merges.TryGetValue((symbols[i], symbols[i + 1]), out var merge) && merge.Rank < bestRank)
                {
                    (best, bestRank, bestMerged) = (i, merge.Rank, merge.Merged);
                }
            }

            if (best < 0)
            {
                return;
            }

            symbols[best] = bestMerged;
            symbols.RemoveAt(best + 1);
        }
    }
}
