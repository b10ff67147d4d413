using System;
using LossGen.SentenceTransformers.Losses;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Losses;

/// <summary>Bad input and bad hyper-parameters fail with messages that name the loss, column, row or parameter.</summary>
[Collection(SequentialCollection.Name)]
public sealed class LossValidationTests
{
    [Fact]
    public void Wrong_column_count_names_the_loss()
    {
        using var leaks = new TensorLeakGuard();
        using var loss = new TripletLoss(null);
        var error = Assert.Throws<LossInputException>(() => loss.ComputeFromEmbeddings([randn(4, 8), randn(4, 8)]));
        Assert.Contains("TripletLoss expects 3 text column(s)", error.Message);
    }

    [Fact]
    public void Mismatched_rows_name_the_column()
    {
        using var leaks = new TensorLeakGuard();
        using var loss = new MultipleNegativesRankingLoss(null);
        var error = Assert.Throws<LossInputException>(() => loss.ComputeFromEmbeddings([randn(4, 8), randn(3, 8)]));
        Assert.Contains("column 1 has 3 rows but column 0 has 4", error.Message);
    }

    [Fact]
    public void Missing_labels_are_refused()
    {
        using var leaks = new TensorLeakGuard();
        using var loss = new BatchHardTripletLoss(null);
        var error = Assert.Throws<LossInputException>(() => loss.ComputeFromEmbeddings([randn(4, 8)]));
        Assert.Contains("BatchHardTripletLoss needs ClassId labels", error.Message);
    }

    [Fact]
    public void Float_labels_for_a_class_label_loss_are_refused()
    {
        using var leaks = new TensorLeakGuard();
        using var loss = new BatchAllTripletLoss(null);
        var error = Assert.Throws<LossInputException>(() => loss.ComputeFromEmbeddings([randn(4, 8)], rand(4)));
        Assert.Contains("integer class id", error.Message);
    }

    [Fact]
    public void A_non_finite_score_names_its_row()
    {
        using var leaks = new TensorLeakGuard();
        using var loss = new CoSENTLoss(null);
        var error = Assert.Throws<LossInputException>(() => loss.ComputeFromEmbeddings([randn(3, 8), randn(3, 8)], tensor(new[] { 0.1f, float.NaN, 0.3f })));
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public void Hyper_parameters_are_range_checked()
    {
        var scale = Assert.Throws<ArgumentOutOfRangeException>(() => new MultipleNegativesRankingLoss(null, scale: 0));
        Assert.Contains("MultipleNegativesRankingLoss: scale must be a finite value > 0", scale.Message);
        var margin = Assert.Throws<ArgumentOutOfRangeException>(() => new TripletLoss(null, tripletMargin: -1));
        Assert.Contains("triplet_margin", margin.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachedMultipleNegativesRankingLoss(null, miniBatchSize: 0));
    }

    [Fact]
    public void Matryoshka_refuses_a_gradient_cached_loss_and_names_its_twin()
    {
        using var cached = new CachedMultipleNegativesRankingLoss(null);
        var error = Assert.Throws<ArgumentException>(() => new MatryoshkaLoss(null, cached, [8, 4]));
        Assert.Contains("MatryoshkaLoss cannot wrap CachedMultipleNegativesRankingLoss", error.Message);
        Assert.Contains("Use MultipleNegativesRankingLoss instead", error.Message);
    }

    [Fact]
    public void Matryoshka_checks_dims_and_weights()
    {
        using var inner = new CoSENTLoss(null);
        Assert.Throws<ArgumentException>(() => new MatryoshkaLoss(null, inner, []));
        Assert.Throws<ArgumentException>(() => new MatryoshkaLoss(null, inner, [8, 0]));
        Assert.Throws<ArgumentException>(() => new MatryoshkaLoss(null, inner, [8, 4], [1f]));
    }

    [Fact]
    public void Config_dictionaries_use_sentence_transformers_names()
    {
        using var loss = new MultipleNegativesRankingLoss(null, scale: 10, similarityFct: SimilarityFunction.DotScore);
        var config = loss.GetConfigDictionary();
        Assert.Equal(10f, config["scale"]);
        Assert.Equal("dot_score", config["similarity_fct"]);
        Assert.Contains("henderson2017efficient", loss.Citation);
        Assert.Equal(LossTraits.GradientCached, CachedMultipleNegativesRankingLoss.Metadata.Traits);
        Assert.Equal(typeof(MultipleNegativesRankingLoss), CachedMultipleNegativesRankingLoss.Metadata.UncachedTwin);
    }

    [Fact]
    public void A_similarity_of_the_wrong_shape_is_refused_by_the_constructor()
    {
        var matrix = Assert.Throws<ArgumentOutOfRangeException>(() => new MultipleNegativesRankingLoss(null, similarityFct: SimilarityFunction.PairwiseCosSim));
        Assert.Contains("MultipleNegativesRankingLoss: similarity_fct must be an N×M similarity", matrix.Message, StringComparison.Ordinal);
        Assert.Contains("pairwise_cos_sim", matrix.Message, StringComparison.Ordinal);

        var pairwise = Assert.Throws<ArgumentOutOfRangeException>(() => new CoSENTLoss(null, similarityFct: SimilarityFunction.CosSim));
        Assert.Contains("CoSENTLoss: similarity_fct must be a row-wise similarity", pairwise.Message, StringComparison.Ordinal);

        // torch's cosine_similarity has both shapes, as in sentence-transformers.
        using var both = new MultipleNegativesRankingLoss(null, similarityFct: SimilarityFunction.CosineSimilarity);
        Assert.Equal("cosine_similarity", both.GetConfigDictionary()["similarity_fct"]);
    }
}
