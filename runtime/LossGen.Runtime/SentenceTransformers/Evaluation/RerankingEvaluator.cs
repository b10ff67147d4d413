using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>One query to rerank: its relevant and its irrelevant documents.</summary>
/// <param name="Query">The query.</param>
/// <param name="Positive">Relevant documents.</param>
/// <param name="Negative">Irrelevant documents.</param>
public sealed record RerankingSample(string Query, IReadOnlyList<string> Positive, IReadOnlyList<string> Negative);

/// <summary>
/// sentence-transformers' RerankingEvaluator: each query's documents are ranked by cosine similarity, and the mean
/// average precision (<c>map</c>), <c>mrr@k</c> and <c>ndcg@k</c> (the primary metric) are reported, with
/// scikit-learn's tie handling. Samples without a positive or a negative are left out, as in sentence-transformers.
/// </summary>
/// <param name="Samples">The queries with their documents.</param>
/// <param name="Name">Prefixes the metric names.</param>
/// <param name="AtK">The cut-off of MRR and NDCG.</param>
/// <param name="BatchSize">Texts per encoding batch.</param>
public sealed record RerankingEvaluator(IReadOnlyList<RerankingSample> Samples, string Name = "", int AtK = 10, int BatchSize = 64) : ISentenceEvaluator
{
    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, $"ndcg@{AtK}");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(SentenceTransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(AtK, 1, nameof(AtK));
        RerankingSample[] samples = Samples.Where(s => s.Positive.Count > 0 && s.Negative.Count > 0).ToArray();
        if (samples.Length == 0)
        {
            throw new ArgumentException($"RerankingEvaluator {Name}: no sample has both a positive and a negative document.");
        }

        using var scope = NewDisposeScope();
        Tensor queries = model.Embed(samples.Select(s => s.Query).ToArray(), BatchSize);
        Tensor documents = model.Embed(samples.SelectMany(s => s.Positive.Concat(s.Negative)).ToArray(), BatchSize);
        var rankings = new List<(double[] Scores, int Positives)>(samples.Length);
        int offset = 0;
        for (int q = 0; q < samples.Length; q++)
        {
            int count = samples[q].Positive.Count + samples[q].Negative.Count;
            rankings.Add((Similarities.CosSim(queries.narrow(0, q, 1), documents.narrow(0, offset, count)).squeeze(0).to(ScalarType.Float64).data<double>().ToArray(), samples[q].Positive.Count));
            offset += count;
        }

        return Score(rankings);
    }

    /// <summary>The metrics of scored documents, each query's positives first in its scores.</summary>
    public IReadOnlyDictionary<string, double> Score(IReadOnlyList<(double[] Scores, int Positives)> rankings)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        double map = 0, mrr = 0, ndcg = 0;
        foreach ((double[] scores, int positives) in rankings)
        {
            int[] relevant = Enumerable.Range(0, scores.Length).Select(i => i < positives ? 1 : 0).ToArray();
            int rank = Array.FindIndex(Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Take(AtK).ToArray(), document => relevant[document] == 1);
            mrr += rank < 0 ? 0 : 1.0 / (rank + 1);
            ndcg += RankingMetrics.Ndcg(relevant.Select(r => (double)r).ToArray(), scores, AtK);
            map += RankingMetrics.AveragePrecision(scores, relevant);
        }

        return new Dictionary<string, double>
        {
            [MetricNames.Prefixed(Name, "map")] = map / rankings.Count,
            [MetricNames.Prefixed(Name, $"mrr@{AtK}")] = mrr / rankings.Count,
            [PrimaryMetric] = ndcg / rankings.Count,
        };
    }
}
