using System;
using System.IO;
using System.Linq;
using LossGen.CrossEncoders;
using LossGen.CrossEncoders.Evaluation;
using LossGen.Evaluation;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.CrossEncoders;

/// <summary>The cross-encoder evaluators' metrics, names and refusals, on the golden folders.</summary>
[Collection(SequentialCollection.Name)]
public sealed class CrossEncoderEvaluatorTests
{
    private static readonly (string, string)[] Pairs =
    [
        ("A man is eating food.", "A man is eating a piece of bread."),
        ("A man is eating food.", "The stock market fell sharply."),
        ("who wrote hamlet?", "Hamlet is a tragedy written by William Shakespeare."),
        ("who wrote hamlet?", "Cats sleep for most of the day."),
    ];

    [Fact]
    public void F1_scores_are_scikit_learn_s()
    {
        int[] truth = [0, 1, 2, 2, 1, 0];
        int[] predicted = [0, 2, 2, 2, 1, 1];
        Assert.Equal(0.655556, F1Scores.Macro(truth, predicted), 6);
        Assert.Equal(4 / 6.0, F1Scores.Micro(truth, predicted), 12);
        Assert.Equal(0.655556, F1Scores.Weighted(truth, predicted), 6);
    }

    [Fact]
    public void Classification_metrics_follow_the_model_s_labels()
    {
        using var leaks = new TensorLeakGuard();
        using CrossEncoder single = CrossEncoder.Load(Path.Combine(RepositoryPaths.GoldenCrossEncoderModels, "ce-bert-1label"));
        var binary = new CrossEncoderClassificationEvaluator(Pairs, [1, 0, 1, 0], Name: "dev").Compute(single);
        Assert.Equal(["dev_accuracy", "dev_accuracy_threshold", "dev_average_precision", "dev_f1", "dev_f1_threshold", "dev_precision", "dev_recall"], binary.Keys.Order(StringComparer.Ordinal));

        using CrossEncoder nli = CrossEncoder.Load(Path.Combine(RepositoryPaths.GoldenCrossEncoderModels, "ce-bert-3labels"));
        var evaluator = new CrossEncoderClassificationEvaluator(Pairs, [1, 0, 1, 2], NumLabels: 3, Name: "nli");
        var classes = evaluator.Compute(nli);
        Assert.Equal("nli_f1_macro", evaluator.PrimaryMetric);
        Assert.Equal(["nli_f1_macro", "nli_f1_micro", "nli_f1_weighted"], classes.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("was made for 1 label(s); the model has 3", Assert.Throws<ArgumentException>(() => new CrossEncoderClassificationEvaluator(Pairs, [1, 0, 1, 0]).Compute(nli)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reranking_metrics_include_the_retriever_s_order_when_given_candidates()
    {
        using var leaks = new TensorLeakGuard();
        using CrossEncoder model = CrossEncoder.Load(Path.Combine(RepositoryPaths.GoldenCrossEncoderModels, "ce-bert-1label"));
        var evaluator = new CrossEncoderRerankingEvaluator(
            [new RerankingSample("who wrote hamlet?", ["Hamlet is a tragedy written by William Shakespeare."], Documents: ["Cats sleep for most of the day.", "Hamlet is a tragedy written by William Shakespeare."])],
            Name: "ir");
        var metrics = evaluator.Compute(model);
        Assert.Equal(0.5, metrics["ir_base_mrr@10"], 12);
        Assert.Equal(0.5, metrics["ir_base_map"], 12);
        Assert.InRange(metrics["ir_ndcg@10"], 0.6, 1.0);
    }
}
