using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Evaluation;

/// <summary>Evaluators report sentence-transformers' metric names, MSEEvaluator distils, SequentialEvaluator combines.</summary>
[Collection(SequentialCollection.Name)]
public sealed class EvaluatorMetricTests
{
    [Fact]
    public void Metrics_carry_sentence_transformers_names_prefixed_with_the_evaluator_name()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 3);
        var sts = new EmbeddingSimilarityEvaluator(TinyBert.Sentences(6), TinyBert.Sentences(6, 2), [0.1, 0.9, 0.4, 0.3, 0.8, 0.5], "sts-dev");
        IReadOnlyDictionary<string, double> metrics = sts.Compute(model);
        Assert.Equal(["sts-dev_pearson_cosine", "sts-dev_spearman_cosine"], metrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("sts-dev_spearman_cosine", sts.PrimaryMetric);
        Assert.Equal(sts.Evaluate(model).Spearman, metrics[sts.PrimaryMetric]);

        var triplets = new TripletEvaluator(TinyBert.Sentences(3), TinyBert.Sentences(3, 1), TinyBert.Sentences(3, 2));
        Assert.Equal(["cosine_accuracy"], triplets.Compute(model).Keys);
    }

    [Fact]
    public void MSEEvaluator_is_zero_against_itself_and_negative_against_another_model()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer teacher = TinyBert.Create(seed: 4);
        using SentenceTransformer student = TinyBert.Create(seed: 5);
        string[] sentences = TinyBert.Sentences(5);
        var evaluator = new MSEEvaluator(sentences, sentences, teacher, "distill");

        Assert.Equal(0.0, evaluator.Compute(teacher)["distill_negative_mse"], 6);
        double negative = evaluator.Compute(student)["distill_negative_mse"];
        Assert.True(negative < 0, $"negative_mse {negative}");
        Assert.Equal(-negative, evaluator.Evaluate(student), 6);
    }

    [Fact]
    public void SequentialEvaluator_reports_every_metric_and_ranks_by_the_last_evaluators()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 6);
        var sts = new EmbeddingSimilarityEvaluator(TinyBert.Sentences(4), TinyBert.Sentences(4, 1), [0.2, 0.4, 0.6, 0.8], "sts");
        var triplets = new TripletEvaluator(TinyBert.Sentences(3), TinyBert.Sentences(3, 1), TinyBert.Sentences(3, 2), "nli");
        var sequential = new SequentialEvaluator([sts, triplets]);

        Assert.Equal(["nli_cosine_accuracy", "sts_pearson_cosine", "sts_spearman_cosine"], sequential.Compute(model).Keys.Order(StringComparer.Ordinal));
        Assert.Equal("nli_cosine_accuracy", sequential.PrimaryMetric);
        var collision = new SequentialEvaluator([sts, sts]);
        Assert.Contains("two evaluators report 'sts_pearson_cosine'", Assert.Throws<InvalidOperationException>(() => collision.Compute(model)).Message, StringComparison.Ordinal);
    }
}
