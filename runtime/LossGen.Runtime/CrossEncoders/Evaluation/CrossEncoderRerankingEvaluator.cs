using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;

namespace LossGen.CrossEncoders.Evaluation;

/// <summary>
/// sentence-transformers' CrossEncoderRerankingEvaluator: reranks each query's documents with the model and reports MAP,
/// MRR@k and NDCG@k (<c>map</c>, <c>mrr@10</c>, <c>ndcg@10</c>, the last the primary metric); with candidate lists,
/// also the retriever's own order before reranking (<c>base_map</c>, <c>base_mrr@10</c>, <c>base_ndcg@10</c>).
/// </summary>
/// <param name="Samples">The queries.</param>
/// <param name="AtK">The cut-off of MRR and NDCG (<c>at_k</c>).</param>
/// <param name="AlwaysRerankPositives">With candidate lists: add the positives the retriever missed before reranking (<c>always_rerank_positives</c>).</param>
/// <param name="Name">A name that prefixes the metrics.</param>
/// <param name="BatchSize">Pairs scored at once.</param>
public sealed record CrossEncoderRerankingEvaluator(IReadOnlyList<RerankingSample> Samples, int AtK = 10, bool AlwaysRerankPositives = true, string Name = "", int BatchSize = 64) : IEvaluator<CrossEncoder>
{
    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, $"ndcg@{AtK}");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(CrossEncoder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var reranked = new List<(int[] Relevant, int Offset)?>();
        var pairs = new List<(string, string)>();
        var baseline = new List<(double Mrr, double Ndcg, double Ap)>();
        foreach (RerankingSample sample in Samples)
        {
            if ((sample.Negatives is null) == (sample.Documents is null))
            {
                throw new ArgumentException($"CrossEncoderRerankingEvaluator {Name}: the sample of '{sample.Query}' needs exactly one of Negatives and Documents.");
            }

            string[] documents;
            int[] relevant;
            if (sample.Documents is { } candidates)
            {
                int[] found = candidates.Select(d => sample.Positives.Contains(d) ? 1 : 0).ToArray();
                baseline.Add(found.Sum() == 0 ? (0, 0, 0) : Metrics([.. found, .. Enumerable.Repeat(1, sample.Positives.Count - found.Sum())], Enumerable.Range(0, found.Length + sample.Positives.Count - found.Sum()).Select(i => -(double)i).ToArray()));
                documents = AlwaysRerankPositives ? [.. sample.Positives, .. candidates.Where(d => !sample.Positives.Contains(d))] : [.. candidates];
                relevant = documents.Select((d, i) => AlwaysRerankPositives ? (i < sample.Positives.Count ? 1 : 0) : (sample.Positives.Contains(d) ? 1 : 0)).ToArray();
            }
            else
            {
                documents = [.. sample.Positives, .. sample.Negatives!];
                relevant = documents.Select((_, i) => i < sample.Positives.Count ? 1 : 0).ToArray();
            }

            if (relevant.Sum() == 0)
            {
                reranked.Add(null);
                continue;
            }

            reranked.Add((relevant, pairs.Count));
            pairs.AddRange(documents.Select(d => (sample.Query, d)));
        }

        float[][] scores = pairs.Count == 0 ? [] : model.Predict(pairs, BatchSize);
        var results = reranked.Select(r => r is not { } query ? (0.0, 0.0, 0.0)
            : Metrics(query.Relevant, scores.Skip(query.Offset).Take(query.Relevant.Length).Select(s => (double)s[0]).ToArray())).ToArray();
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.Prefixed(Name, "map")] = results.Average(r => r.Item3),
            [MetricNames.Prefixed(Name, $"mrr@{AtK}")] = results.Average(r => r.Item1),
            [PrimaryMetric] = results.Average(r => r.Item2),
        };
        if (baseline.Count > 0)
        {
            metrics[MetricNames.Prefixed(Name, "base_map")] = baseline.Average(b => b.Ap);
            metrics[MetricNames.Prefixed(Name, $"base_mrr@{AtK}")] = baseline.Average(b => b.Mrr);
            metrics[MetricNames.Prefixed(Name, $"base_ndcg@{AtK}")] = baseline.Average(b => b.Ndcg);
        }

        return metrics;
    }

    // sentence-transformers' compute_metrics: MRR@k over the ranking by score, scikit-learn's ndcg_score and average_precision_score.
    private (double Mrr, double Ndcg, double Ap) Metrics(int[] relevant, double[] scores)
    {
        int[] ranking = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        int first = Array.FindIndex(ranking.Take(AtK).ToArray(), i => relevant[i] != 0);
        double mrr = first < 0 ? 0 : 1.0 / (first + 1);
        return (mrr, RankingMetrics.Ndcg(relevant.Select(r => (double)r).ToArray(), scores, AtK), RankingMetrics.AveragePrecision(scores, relevant));
    }
}
