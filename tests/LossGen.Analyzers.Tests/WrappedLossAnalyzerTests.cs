using System.Threading.Tasks;
using LossGen.Analyzers.Tests.Support;
using LossGen.CodeFixes;
using Xunit;
using V = LossGen.Analyzers.Tests.Support.Verify<LossGen.Analyzers.WrappedLossAnalyzer>;

namespace LossGen.Analyzers.Tests;

public sealed class WrappedLossAnalyzerTests
{
    [Fact]
    public Task A_cached_loss_inside_MatryoshkaLoss_is_an_error() => V.Analyze("""
        class C
        {
            SentenceLoss Build() => new MatryoshkaLoss(null, {|#0:new CachedMultipleNegativesRankingLoss(null, miniBatchSize: 16)|}, new[] { 64, 32 });
        }
        """,
        V.Diagnostic("LG1001").WithLocation(0).WithArguments("MatryoshkaLoss", "CachedMultipleNegativesRankingLoss", "GradientCached", "; use MultipleNegativesRankingLoss, which computes the same loss without the cache"));

    [Fact]
    public Task A_cached_loss_held_in_a_local_is_found_too() => V.Analyze("""
        class C
        {
            SentenceLoss Build()
            {
                var inner = new CachedGISTEmbedLoss(null, null);
                return new MatryoshkaLoss(null, {|#0:inner|}, new[] { 64, 32 });
            }
        }
        """,
        V.Diagnostic("LG1001").WithLocation(0).WithArguments("MatryoshkaLoss", "CachedGISTEmbedLoss", "GradientCached", "; use GISTEmbedLoss, which computes the same loss without the cache"));

    [Fact]
    public Task An_uncached_loss_is_fine() => V.Analyze("""
        class C
        {
            SentenceLoss Build() => new MatryoshkaLoss(null, new MultipleNegativesRankingLoss(null), new[] { 64, 32 });
        }
        """);

    [Fact]
    public Task A_wrapper_nested_in_itself_is_a_warning() => V.Analyze("""
        class C
        {
            SentenceLoss Build() => new MatryoshkaLoss(null, {|#0:new MatryoshkaLoss(null, new CoSENTLoss(null), new[] { 32, 16 })|}, new[] { 64, 32 });
        }
        """,
        V.Diagnostic("LG1002").WithLocation(0).WithArguments("MatryoshkaLoss"));

    [Fact]
    public Task The_code_fix_swaps_to_the_uncached_twin() => V.Fix<UseUncachedTwinCodeFix>("""
        class C
        {
            SentenceLoss Build() => new MatryoshkaLoss(null, {|#0:new CachedMultipleNegativesRankingLoss(null, scale: 30, miniBatchSize: 16)|}, new[] { 64, 32 });
        }
        """, """
        class C
        {
            SentenceLoss Build() => new MatryoshkaLoss(null, new MultipleNegativesRankingLoss(null, scale: 30), new[] { 64, 32 });
        }
        """,
        V.Diagnostic("LG1001").WithLocation(0).WithArguments("MatryoshkaLoss", "CachedMultipleNegativesRankingLoss", "GradientCached", "; use MultipleNegativesRankingLoss, which computes the same loss without the cache"));
}
