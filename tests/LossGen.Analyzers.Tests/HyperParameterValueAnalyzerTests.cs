using System.Threading.Tasks;
using Xunit;
using V = LossGen.Analyzers.Tests.Support.Verify<LossGen.Analyzers.HyperParameterValueAnalyzer>;

namespace LossGen.Analyzers.Tests;

public sealed class HyperParameterValueAnalyzerTests
{
    [Fact]
    public Task Negative_margin_non_positive_scale_and_mini_batch_size() => V.Analyze("""
        class C
        {
            void Build()
            {
                _ = new TripletLoss(null, {|#0:tripletMargin: -1|});
                _ = new MultipleNegativesRankingLoss(null, {|#1:scale: 0|});
                _ = new CachedMultipleNegativesRankingLoss(null, {|#2:miniBatchSize: 0|});
                _ = new DistillKLDivLoss(null, {|#3:temperature: -0.5f|});
                _ = new SoftmaxLoss(null, 384, {|#4:0|});
            }
        }
        """,
        V.Diagnostic("LG1003").WithLocation(0).WithArguments("TripletLoss", "triplet_margin", "-1", ">= 0"),
        V.Diagnostic("LG1003").WithLocation(1).WithArguments("MultipleNegativesRankingLoss", "scale", "0", "> 0"),
        V.Diagnostic("LG1003").WithLocation(2).WithArguments("CachedMultipleNegativesRankingLoss", "mini_batch_size", "0", "> 0"),
        V.Diagnostic("LG1003").WithLocation(3).WithArguments("DistillKLDivLoss", "temperature", "-0.5", "> 0"),
        V.Diagnostic("LG1003").WithLocation(4).WithArguments("SoftmaxLoss", "num_labels", "0", ">= 1"));

    [Fact]
    public Task Matryoshka_dims_must_decrease_and_weights_match() => V.Analyze("""
        class C
        {
            void Build()
            {
                _ = new MatryoshkaLoss(null, new CoSENTLoss(null), {|#0:new[] { 64, 128 }|});
                _ = new MatryoshkaLoss(null, new CoSENTLoss(null), new[] { 128, 64 }, {|#1:new[] { 1f }|});
            }
        }
        """,
        V.Diagnostic("LG1003").WithLocation(0).WithArguments("MatryoshkaLoss", "matryoshka_dims", "[64, 128]", "strictly decreasing (largest first), as the loss applies them"),
        V.Diagnostic("LG1003").WithLocation(1).WithArguments("MatryoshkaLoss", "matryoshka_weights", "[1]", "one weight per dimension (2)"));

    [Fact]
    public Task Contrastive_tension_batch_size_must_be_divisible_by_the_ratio() => V.Analyze("""
        class C
        {
            void Build(List<string> sentences)
            {
                _ = new ContrastiveTensionDataLoader(sentences, {|#0:batchSize: 6|}, posNegRatio: 4);
                _ = new ContrastiveTensionDataLoader(sentences, batchSize: 16);
            }
        }
        """,
        V.Diagnostic("LG1003").WithLocation(0).WithArguments("ContrastiveTensionDataLoader", "batch_size", "6", "divisible by pos_neg_ratio (4)"));

    [Fact]
    public Task Valid_constants_and_non_constants_are_fine() => V.Analyze("""
        class C
        {
            void Build(float scale)
            {
                _ = new TripletLoss(null, tripletMargin: 0.3f);
                _ = new MultipleNegativesRankingLoss(null, scale: scale);
                _ = new MatryoshkaLoss(null, new CoSENTLoss(null), new[] { 128, 64 }, new[] { 1f, 0.5f });
            }
        }
        """);
}
