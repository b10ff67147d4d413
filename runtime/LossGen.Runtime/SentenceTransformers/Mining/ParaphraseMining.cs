using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Mining;

/// <summary>A pair of texts found by <see cref="ParaphraseMining"/>: their cosine similarity and indices, <c>First &lt; Second</c>.</summary>
/// <param name="Score">The cosine similarity.</param>
/// <param name="First">The smaller index.</param>
/// <param name="Second">The larger index.</param>
public readonly record struct ParaphrasePair(double Score, int First, int Second);

/// <summary>
/// sentence-transformers' <c>util.paraphrase_mining_embeddings</c>: every text against every other, chunk by chunk, the
/// <c>top_k</c> most similar of each kept in a bounded priority queue of <c>max_pairs</c>, duplicates of a pair
/// removed, highest scores first.
/// </summary>
public static class ParaphraseMining
{
    /// <summary>The most similar pairs among the rows of <paramref name="embeddings"/> (N×D).</summary>
    /// <param name="embeddings">One row per text.</param>
    /// <param name="queryChunkSize">Rows compared at once as queries.</param>
    /// <param name="corpusChunkSize">Rows compared at once as the corpus.</param>
    /// <param name="maxPairs">The most pairs kept.</param>
    /// <param name="topK">Pairs kept per text (beyond itself).</param>
    public static IReadOnlyList<ParaphrasePair> MineEmbeddings(Tensor embeddings, int queryChunkSize = 5000, int corpusChunkSize = 100000, int maxPairs = 500000, int topK = 100)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentOutOfRangeException.ThrowIfLessThan(queryChunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(corpusChunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPairs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        int rows = (int)embeddings.shape[0];
        // Python's heapq order: score, then the indices; a pair enters only above the queue's last evicted score.
        var queue = new PriorityQueue<(double Score, int I, int J), (double, int, int)>();
        double minScore = -1;
        int added = 0;
        using var scope = NewDisposeScope();
        for (int corpusStart = 0; corpusStart < rows; corpusStart += corpusChunkSize)
        {
            for (int queryStart = 0; queryStart < rows; queryStart += queryChunkSize)
            {
                Tensor scores = Similarities.CosSim(
                    embeddings.narrow(0, queryStart, Math.Min(queryChunkSize, rows - queryStart)),
                    embeddings.narrow(0, corpusStart, Math.Min(corpusChunkSize, rows - corpusStart)));
                (Tensor values, Tensor indices) = scores.topk((int)Math.Min(topK + 1, scores.shape[1]), dim: 1, largest: true, sorted: true);
                float[] topValues = values.data<float>().ToArray();
                long[] topIndices = indices.data<long>().ToArray();
                int perQuery = (int)values.shape[1];
                for (int q = 0; q < values.shape[0]; q++)
                {
                    for (int t = 0; t < perQuery; t++)
                    {
                        int i = queryStart + q, j = corpusStart + (int)topIndices[(q * perQuery) + t];
                        double score = topValues[(q * perQuery) + t];
                        if (i != j && score > minScore)
                        {
                            queue.Enqueue((score, i, j), (score, i, j));
                            if (++added >= maxPairs)
                            {
                                minScore = queue.Dequeue().Score;
                            }
                        }
                    }
                }
            }
        }

        // Popped lowest first, the first of a pair's two directions is kept; then a stable sort, highest first.
        var seen = new HashSet<(int, int)>();
        var pairs = new List<ParaphrasePair>(queue.Count);
        while (queue.TryDequeue(out var entry, out _))
        {
            (int first, int second) = entry.I < entry.J ? (entry.I, entry.J) : (entry.J, entry.I);
            if (seen.Add((first, second)))
            {
                pairs.Add(new ParaphrasePair(entry.Score, first, second));
            }
        }

        return pairs.OrderByDescending(p => p.Score).ToArray();
    }
}
