using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Mining;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Evaluation;

/// <summary>Average precision, NDCG, MCC, paraphrase mining and reranking, on cases worked out by hand.</summary>
[Collection(SequentialCollection.Name)]
public sealed class RankingEvaluatorTests
{
    [Fact]
    public void Average_precision_sums_precision_over_recall_steps_and_tied_scores_enter_together()
    {
        // Thresholds 0.9, 0.8, 0.4, 0.3: recall rises by 1/3 at precisions 1, 1, and 3/4.
        Assert.Equal((1 + 1 + 0.75) / 3, RankingMetrics.AveragePrecision([0.9, 0.8, 0.4, 0.3, 0.1], [1, 1, 0, 1, 0]), 12);
        // The tie at 0.5 holds one positive and one negative: recall 1/2 at precision 1/2, then 1 at 2/3.
        Assert.Equal((0.5 * 0.5) + (0.5 * 2 / 3.0), RankingMetrics.AveragePrecision([0.5, 0.5, 0.2], [1, 0, 1]), 12);
        Assert.Equal(0, RankingMetrics.AveragePrecision([0.5, 0.2], [0, 0]));
    }

    [Fact]
    public void Ndcg_discounts_by_log_rank_and_a_tie_shares_its_mean_gain()
    {
        double ideal = 1 + (1 / Math.Log2(3));
        Assert.Equal(1.5 / ideal, RankingMetrics.Ndcg([1, 0, 1], [0.9, 0.8, 0.1], 10), 12);
        Assert.Equal(((0.5 * ideal) + 0.5) / ideal, RankingMetrics.Ndcg([1, 0, 1], [0.5, 0.5, 0.1], 10), 12);
        // At k = 1 only the first of the tied pair's ranks counts, at half the gain.
        Assert.Equal(0.5, RankingMetrics.Ndcg([1, 0, 1], [0.5, 0.5, 0.1], 1), 12);
    }

    [Fact]
    public void Binary_classification_reports_average_precision_and_the_matthews_correlation_at_the_f1_threshold()
    {
        BinaryClassificationEvaluation result = BinaryClassificationEvaluator.Score([0.9, 0.8, 0.4, 0.3, 0.1], [1, 1, 0, 1, 0]);
        Assert.Equal(0.2, result.F1Threshold, 12);
        Assert.Equal(2.75 / 3, result.AveragePrecision, 12);
        // At 0.2: tp 3, fp 1, tn 1, fn 0.
        Assert.Equal(3 / Math.Sqrt(4 * 3 * 2 * 1), result.Mcc, 12);

        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 3);
        var evaluator = new BinaryClassificationEvaluator(TinyBert.Sentences(6), TinyBert.Sentences(6, 2), [1, 0, 1, 0, 1, 0], "quora");
        Assert.Equal(
            ["quora_cosine_accuracy", "quora_cosine_accuracy_threshold", "quora_cosine_ap", "quora_cosine_f1", "quora_cosine_f1_threshold", "quora_cosine_mcc", "quora_cosine_precision", "quora_cosine_recall"],
            evaluator.Compute(model).Keys.Order(StringComparer.Ordinal));
        Assert.Equal("quora_cosine_ap", evaluator.PrimaryMetric);
    }

    [Fact]
    public void Paraphrase_mining_keeps_each_texts_top_k_once_highest_first()
    {
        using var leaks = new TensorLeakGuard();
        using Tensor embeddings = tensor(new float[,] { { 1, 0 }, { 0.8f, 0.6f }, { 0, 1 }, { -1, 0 } });
        // cos: (0,1) 0.8, (1,2) 0.6, (0,2) 0, (2,3) 0, (1,3) -0.8, (0,3) -1; a pair enters only above -1, as in the reference.
        ParaphrasePair[] all = ParaphraseMining.MineEmbeddings(embeddings).ToArray();
        Assert.Equal([(0, 1), (1, 2), (0, 2), (2, 3), (1, 3)], all.Select(p => (p.First, p.Second)).Take(2).Concat(all.Skip(2).Take(2).Select(p => (p.First, p.Second)).Order()).Concat(all.Skip(4).Select(p => (p.First, p.Second))));
        Assert.Equal([0.8, 0.6, 0, 0, -0.8], all.Select(p => p.Score), (a, b) => Math.Abs(a - b) < 1e-6);

        // One neighbour each: 0→1, 1→0, 2→1, 3→2.
        Assert.Equal([(0, 1), (1, 2), (2, 3)], ParaphraseMining.MineEmbeddings(embeddings, topK: 1).Select(p => (p.First, p.Second)));
    }

    [Fact]
    public void Paraphrase_mining_evaluation_scores_the_ranked_pairs_against_the_duplicates()
    {
        var evaluator = new ParaphraseMiningEvaluator(
            new Dictionary<string, string> { ["a"] = "A", ["b"] = "B", ["c"] = "C", ["d"] = "D" },
            [("a", "b"), ("d", "c"), ("a", "zzz")],
            name: "quora");
        IReadOnlyDictionary<string, double> metrics = evaluator.Score([new(0.9, 0, 1), new(0.8, 0, 2), new(0.7, 2, 3), new(0.6, 1, 3)]);

        // Correct at ranks 1 and 3: precisions 1 and 2/3; the best F1 (0.8) at rank 3, threshold between 0.7 and 0.6.
        Assert.Equal((1 + (2 / 3.0)) / 2, metrics["quora_average_precision"], 12);
        Assert.Equal(0.8, metrics["quora_f1"], 12);
        Assert.Equal(2 / 3.0, metrics["quora_precision"], 12);
        Assert.Equal(1, metrics["quora_recall"], 12);
        Assert.Equal(0.65, metrics["quora_threshold"], 12);

        var closure = new ParaphraseMiningEvaluator(new Dictionary<string, string> { ["a"] = "A", ["b"] = "B", ["c"] = "C" }, [("a", "b"), ("b", "c")], addTransitiveClosure: true);
        Assert.Equal(1, closure.Score([new(0.9, 0, 2), new(0.8, 0, 1), new(0.7, 1, 2)])["average_precision"], 12);
    }

    [Fact]
    public void Reranking_reports_map_mrr_and_ndcg_at_k()
    {
        var evaluator = new RerankingEvaluator([], "rerank", AtK: 2);
        // Query 1: its positive ranked second of three; query 2: its two positives first and third.
        IReadOnlyDictionary<string, double> metrics = evaluator.Score([([0.5, 0.9, 0.1], 1), ([0.9, 0.2, 0.5], 2)]);
        double ap1 = 0.5, ap2 = (0.5 * 1) + (0.5 * 2 / 3.0);
        Assert.Equal((ap1 + ap2) / 2, metrics["rerank_map"], 12);
        Assert.Equal((0.5 + 1) / 2, metrics["rerank_mrr@2"], 12);
        double ideal = 1 + (1 / Math.Log2(3));
        Assert.Equal(((1 / Math.Log2(3)) + (1 / ideal)) / 2, metrics["rerank_ndcg@2"], 12);
        Assert.Equal("rerank_ndcg@2", evaluator.PrimaryMetric);

        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 3);
        var real = new RerankingEvaluator([new("the cat", TinyBert.Sentences(2), TinyBert.Sentences(3, 5)), new("no negatives", TinyBert.Sentences(1), [])]);
        Assert.Equal(["map", "mrr@10", "ndcg@10"], real.Compute(model).Keys.Order(StringComparer.Ordinal));
    }
}
