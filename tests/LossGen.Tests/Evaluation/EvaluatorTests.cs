using System.Collections.Generic;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Evaluation;

[Collection(SequentialCollection.Name)]
public sealed class EvaluatorTests
{
    [Fact]
    public void Correlations_match_hand_computed_values_with_ties()
    {
        Assert.Equal(1.0, Correlation.Pearson([1, 2, 3], [2, 4, 6]), 12);
        Assert.Equal(-1.0, Correlation.Spearman([1, 2, 3], [9, 4, 1]), 12);
        // Ranks with ties: x → [1.5, 1.5, 3], y → [1, 2, 3]; r = 0.8660254.
        Assert.Equal(0.8660254037844386, Correlation.Spearman([5, 5, 7], [1, 2, 3]), 12);
    }

    [Fact]
    public void Binary_classification_finds_the_best_thresholds()
    {
        BinaryClassificationEvaluation result = BinaryClassificationEvaluator.Score([0.9, 0.8, 0.4, 0.3, 0.1], [1, 1, 0, 1, 0]);
        Assert.Equal(0.8, result.Accuracy, 12);
        Assert.Equal(0.6, result.AccuracyThreshold, 12);
        Assert.Equal(2 * 0.75 * 1.0 / 1.75, result.F1, 12);
        Assert.Equal(0.2, result.F1Threshold, 12);
    }

    [Fact]
    public void Retrieval_and_triplet_evaluators_score_a_model()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create();
        var ir = new InformationRetrievalEvaluator(
            new Dictionary<string, string> { ["q"] = "the cat sat on the mat" },
            new Dictionary<string, string> { ["same"] = "the cat sat on the mat", ["other"] = "a big blue dog ran" },
            new Dictionary<string, IReadOnlySet<string>> { ["q"] = new HashSet<string> { "same" } });
        RetrievalEvaluation retrieval = ir.Evaluate(model);
        Assert.Equal(1.0, retrieval.MrrAt10, 12);
        Assert.Equal(1.0, retrieval.RecallAt1, 12);

        double accuracy = new TripletEvaluator(["the cat sat"], ["the cat sat"], ["a big blue dog ran on the park"]).Evaluate(model);
        Assert.Equal(1.0, accuracy, 12);
    }
}
