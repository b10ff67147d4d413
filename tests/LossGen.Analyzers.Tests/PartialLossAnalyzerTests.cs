using System.Threading.Tasks;
using LossGen.CodeFixes;
using Xunit;
using V = LossGen.Analyzers.Tests.Support.Verify<LossGen.Analyzers.PartialLossAnalyzer>;

namespace LossGen.Analyzers.Tests;

public sealed class PartialLossAnalyzerTests
{
    [Fact]
    public Task A_loss_that_is_not_partial_is_an_error() => V.Analyze("""
        [Loss, RequiresInput(InputKind.TextWithTargetEmbedding), Pairing(Pairing.Target), Objective(Objective.SquaredError)]
        public sealed class {|#0:Custom|} { }
        """,
        V.Diagnostic("LG0001").WithLocation(0).WithArguments("Custom"));

    [Fact]
    public Task The_code_fix_adds_partial() => V.Fix<AddPartialCodeFix>("""
        [Loss, RequiresInput(InputKind.TextWithTargetEmbedding), Pairing(Pairing.Target), Objective(Objective.SquaredError)]
        public sealed class {|#0:Custom|} { }
        """, """
        [Loss, RequiresInput(InputKind.TextWithTargetEmbedding), Pairing(Pairing.Target), Objective(Objective.SquaredError)]
        public sealed partial class Custom { }
        """,
        V.Diagnostic("LG0001").WithLocation(0).WithArguments("Custom"));

    [Fact]
    public Task A_partial_loss_is_fine() => V.Analyze("""
        [Loss, RequiresInput(InputKind.TextWithTargetEmbedding), Pairing(Pairing.Target), Objective(Objective.SquaredError)]
        public sealed partial class Custom { }
        """);
}
