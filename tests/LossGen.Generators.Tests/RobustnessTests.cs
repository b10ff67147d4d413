using System.Linq;
using LossGen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Generators.Tests;

/// <summary>Half-typed declarations, as an IDE sees them between keystrokes, never make the generator throw.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> HalfTyped() =>
    [
        "[Loss] public partial class",
        "[Loss] public partial class A",
        "[Loss] public partial class A {",
        "[Loss(] public partial class A { }",
        "[Loss, RequiresInput(] public partial class A { }",
        "[Loss, RequiresInput(InputKind.)] public partial class A { }",
        "[Loss, RequiresInput(InputKind.Nope)] public partial class A { }",
        "[Loss, RequiresInput((InputKind)42), Pairing((Pairing)99), Objective(Objective.Hinge)] public partial class A { }",
        "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public partial class A { [Scale(] public partial float Scale { get; } }",
        "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public partial class A { [Scale(\"x\")] public partial float Scale { get; } }",
        "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public partial class A { [Scale(20)] public partial Missing Scale { get; } }",
        "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public partial class A { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.)] public partial SimilarityFunction S { get; } }",
        "[Loss, RequiresInput(InputKind.Pair)] public partial class A { [LossMath] private Tensor Compute(Tensor a, ) => a; }",
        "[Loss, RequiresInput(InputKind.Pair)] public partial class A { [LossMath] private Missing Compute(Missing a) => a; }",
        "[Loss, RequiresInput(InputKind.Pair)] public partial class A<T> { }",
        "[Loss, Wraps(Refuses = ] public partial class A { }",
        "[Loss, RequiresInput(InputKind.Pair), GradientCache(typeof())] public partial class A { }",
        "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public partial class A { [HyperParameter(1, 2)] public partial int X { get; } }",
        "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public partial class A { [Margin(1)] public partial float Margin { get; } [Margin(2)] public partial float Margin { get; } }",
        "[Loss] [Loss] public partial record A;",
        "[Loss] public partial struct A { }",
    ];

    [Theory]
    [MemberData(nameof(HalfTyped))]
    public void The_generator_never_throws_and_reports_only_its_own_diagnostics(string declaration)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("using LossGen; using TorchSharp; using static TorchSharp.torch; namespace Demo;\n" + declaration);

        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        Assert.All(diagnostics, d => Assert.StartsWith("LG", d.Id, System.StringComparison.Ordinal));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id == "CS8785");
    }
}
