using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Mining;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>
/// sentence-transformers' ParaphraseMiningEvaluator: mines the most similar pairs of a set of texts
/// (<see cref="ParaphraseMining"/>) and scores them against the known duplicates: average precision over the ranked
/// pairs (the primary metric), and the F1, precision, recall and cosine threshold of the best F1.
/// </summary>
public sealed class ParaphraseMiningEvaluator : ISentenceEvaluator
{
    private readonly string[] _ids;
    private readonly string[] _sentences;
    private readonly HashSet<(string, string)> _duplicates = [];

    /// <summary>Creates the evaluator.</summary>
    /// <param name="sentences">The texts by id.</param>
    /// <param name="duplicates">The pairs of ids that are paraphrases (either order); pairs naming an unknown id are ignored, as in sentence-transformers.</param>
    /// <param name="name">Prefixes the metric names.</param>
    /// <param name="addTransitiveClosure">Also count as duplicates every two ids connected through others.</param>
    /// <param name="maxPairs">The most pairs mined.</param>
    /// <param name="topK">Pairs mined per text.</param>
    /// <param name="batchSize">Texts per encoding batch.</param>
    public ParaphraseMiningEvaluator(IReadOnlyDictionary<string, string> sentences, IEnumerable<(string, string)> duplicates, string name = "", bool addTransitiveClosure = false, int maxPairs = 500000, int topK = 100, int batchSize = 16)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(duplicates);
        _ids = sentences.Keys.ToArray();
        _sentences = sentences.Values.ToArray();
        (Name, MaxPairs, TopK, BatchSize) = (name, maxPairs, topK, batchSize);
        var pairs = duplicates.Where(p => sentences.ContainsKey(p.Item1) && sentences.ContainsKey(p.Item2) && p.Item1 != p.Item2).ToArray();
        foreach ((string a, string b) in addTransitiveClosure ? Closure(pairs) : pairs)
        {
            _duplicates.Add(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));
        }

        if (_duplicates.Count == 0)
        {
            throw new ArgumentException($"ParaphraseMiningEvaluator {name}: no duplicate pair names two of the {sentences.Count} sentences' ids.", nameof(duplicates));
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The most pairs mined.</summary>
    public int MaxPairs { get; }

    /// <summary>Pairs mined per text.</summary>
    public int TopK { get; }

    /// <summary>Texts per encoding batch.</summary>
    public int BatchSize { get; }

    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, "average_precision");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(SentenceTransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<ParaphrasePair> pairs;
        using (NewDisposeScope())
        {
            pairs = ParaphraseMining.MineEmbeddings(model.Embed(_sentences, BatchSize), maxPairs: MaxPairs, topK: TopK);
        }

        return Score(pairs);
    }

    /// <summary>The metrics of mined <paramref name="pairs"/> (highest score first), as sentence-transformers computes them.</summary>
    public IReadOnlyDictionary<string, double> Score(IReadOnlyList<ParaphrasePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int extracted = 0, correct = 0;
        double threshold = 0, bestF1 = 0, bestPrecision = 0, bestRecall = 0, averagePrecision = 0;
        for (int index = 0; index < pairs.Count; index++)
        {
            (string a, string b) = (_ids[pairs[index].First], _ids[pairs[index].Second]);
            extracted++;
            if (_duplicates.Contains(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a)))
            {
                correct++;
                double precision = correct / (double)extracted, recall = correct / (double)_duplicates.Count;
                double f1 = 2 * precision * recall / (precision + recall);
                averagePrecision += precision;
                if (f1 > bestF1)
                {
                    (bestF1, bestPrecision, bestRecall) = (f1, precision, recall);
                    threshold = (pairs[index].Score + pairs[Math.Min(index + 1, pairs.Count - 1)].Score) / 2;
                }
            }
        }

        return new Dictionary<string, double>
        {
            [PrimaryMetric] = averagePrecision / _duplicates.Count,
            [MetricNames.Prefixed(Name, "f1")] = bestF1,
            [MetricNames.Prefixed(Name, "precision")] = bestPrecision,
            [MetricNames.Prefixed(Name, "recall")] = bestRecall,
            [MetricNames.Prefixed(Name, "threshold")] = threshold,
        };
    }

    // Every two ids in one connected group of duplicates.
    private static IEnumerable<(string, string)> Closure(IReadOnlyList<(string A, string B)> pairs)
    {
        var neighbours = pairs.SelectMany(p => new[] { (p.A, p.B), (p.B, p.A) }).ToLookup(p => p.Item1, p => p.Item2);
        var visited = new HashSet<string>();
        foreach (string start in neighbours.Select(g => g.Key))
        {
            if (!visited.Add(start))
            {
                continue;
            }

            var group = new List<string> { start };
            var queue = new Queue<string>(neighbours[start]);
            while (queue.TryDequeue(out string? node))
            {
                if (visited.Add(node))
                {
                    group.Add(node);
                    foreach (string next in neighbours[node])
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            for (int i = 0; i < group.Count; i++)
            {
                for (int j = i + 1; j < group.Count; j++)
                {
                    yield return (group[i], group[j]);
                }
            }
        }
    }
}
