using System.Threading.Tasks;
using Xunit;
using V = LossGen.Analyzers.Tests.Support.Verify<LossGen.Analyzers.EmbeddingDimensionAnalyzer>;

namespace LossGen.Analyzers.Tests;

public sealed class EmbeddingDimensionAnalyzerTests
{
    [Fact]
    public Task AnglE_with_a_model_of_odd_dimension() => V.Analyze("""
        class C
        {
            void Build()
            {
                var model = new LossGen.SentenceTransformers.HashingEncoder(dimension: 63);
                _ = {|#0:new AnglELoss(model)|};
            }
        }
        """,
        V.Diagnostic("LG1011").WithLocation(0).WithArguments("AnglELoss", "Build", 63));

    [Fact]
    public Task AnglE_with_an_odd_hidden_size() => V.Analyze("""
        class C
        {
            void Build()
            {
                var config = new LossGen.Backbones.Bert.BertConfig { HiddenSize = 385, NumAttentionHeads = 5 };
                _ = {|#0:new AnglELoss(null)|};
            }
        }
        """,
        V.Diagnostic("LG1011").WithLocation(0).WithArguments("AnglELoss", "Build", 385));

    [Fact]
    public Task Even_dimensions_and_other_losses_are_fine() => V.Analyze("""
        class C
        {
            void Build()
            {
                _ = new AnglELoss(new LossGen.SentenceTransformers.HashingEncoder(dimension: 64));
                _ = new CoSENTLoss(new LossGen.SentenceTransformers.HashingEncoder(dimension: 63));
            }
        }
        """);
}
