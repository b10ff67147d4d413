using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>
/// sentence-transformers' InformationRetrievalEvaluator: each query retrieves from the corpus by cosine similarity, and
/// MRR@10, NDCG@10, Recall@1/5/10 and Accuracy@1 are averaged over the queries.
/// </summary>
/// <param name="Queries">Query id → text.</param>
/// <param name="Corpus">Document id → text.</param>
/// <param name="RelevantDocuments">Query id → ids of its relevant documents.</param>
/// <param name="Name">A name for reports.</param>
public sealed record InformationRetrievalEvaluator(
    IReadOnlyDictionary<string, string> Queries,
    IReadOnlyDictionary<string, string> Corpus,
    IReadOnlyDictionary<string, IReadOnlySet<string>> RelevantDocuments,
    string Name = "") : ISentenceEvaluator
{
    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, "cosine_ndcg@10");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(SentenceTransformer model)
    {
        RetrievalEvaluation result = Evaluate(model);
        return new Dictionary<string, double>
        {
            [MetricNames.Prefixed(Name, "cosine_recall@1")] = result.RecallAt1,
            [MetricNames.Prefixed(Name, "cosine_recall@5")] = result.RecallAt5,
            [MetricNames.Prefixed(Name, "cosine_recall@10")] = result.RecallAt10,
            [MetricNames.Prefixed(Name, "cosine_mrr@10")] = result.MrrAt10,
            [PrimaryMetric] = result.NdcgAt10,
        };
    }

    /// <summary>Retrieves for every query and computes the metrics.</summary>
    public RetrievalEvaluation Evaluate(SentenceTransformer model, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        string[] queryIds = Queries.Keys.Where(RelevantDocuments.ContainsKey).ToArray();
        string[] documentIds = Corpus.Keys.ToArray();
        if (queryIds.Length == 0 || documentIds.Length == 0)
        {
            throw new ArgumentException($"InformationRetrievalEvaluator {Name}: no query with relevant documents, or an empty corpus.");
        }

        using var scope = NewDisposeScope();
        Tensor scores = Similarities.CosSim(model.Embed(queryIds.Select(q => Queries[q]).ToArray(), batchSize), model.Embed(documentIds.Select(d => Corpus[d]).ToArray(), batchSize));
        int k = Math.Min(10, documentIds.Length);
        long[] top = scores.topk(k, dim: 1).indexes.data<long>().ToArray();
        double mrr = 0, ndcg = 0, recall1 = 0, recall5 = 0, recall10 = 0;
        for (int q = 0; q < queryIds.Length; q++)
        {
            IReadOnlySet<string> relevant = RelevantDocuments[queryIds[q]];
            bool[] hits = Enumerable.Range(0, k).Select(r => relevant.Contains(documentIds[top[(q * k) + r]])).ToArray();
            int first = Array.IndexOf(hits, true);
            mrr += first >= 0 ? 1.0 / (first + 1) : 0;
            double dcg = hits.Select((hit, rank) => hit ? 1.0 / Math.Log2(rank + 2) : 0).Sum();
            double ideal = Enumerable.Range(0, Math.Min(relevant.Count, k)).Sum(rank => 1.0 / Math.Log2(rank + 2));
            ndcg += ideal > 0 ? dcg / ideal : 0;
            recall1 += hits.Take(1).Count(h => h) / (double)relevant.Count;
            recall5 += hits.Take(5).Count(h => h) / (double)relevant.Count;
            recall10 += hits.Count(h => h) / (double)relevant.Count;
        }

        int n = queryIds.Length;
        return new RetrievalEvaluation(Name, mrr / n, ndcg / n, recall1 / n, recall5 / n, recall10 / n);
    }
}
