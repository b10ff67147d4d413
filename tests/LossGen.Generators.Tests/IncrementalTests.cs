using System.Linq;
using LossGen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LossGen.Generators.Tests;

/// <summary>After an edit that does not touch a declaration, every tracked step is served from the cache.</summary>
public sealed class IncrementalTests
{
    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Catalogue.Sources());
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; internal static class Unrelated { public const int Answer = 42; }", GeneratorHarness.ParseOptions));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in new[] { "Transform", "Output" })
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} is not tracked");
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_declaration_regenerates_only_that_loss()
    {
        string declaration = """
            using LossGen; namespace Demo;
            /// <summary>A.</summary>
            [Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)]
            public sealed partial class A { /// <summary>S.</summary>
            [Scale(20)] public partial float Scale { get; } /// <summary>F.</summary>
            [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction SimilarityFct { get; } }
            """;
        CSharpCompilation compilation = GeneratorHarness.Compile(declaration, declaration.Replace("class A", "class B", System.StringComparison.Ordinal));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree first = compilation.SyntaxTrees.First();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(first, CSharpSyntaxTree.ParseText(declaration.Replace("Scale(20)", "Scale(30)", System.StringComparison.Ordinal), GeneratorHarness.ParseOptions, first.FilePath));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var reasons = result.TrackedSteps["Output"].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], reasons);
    }

    private const string MathDeclaration = """
        using LossGen; using TorchSharp; using static TorchSharp.torch; namespace Demo;
        /// <summary>M.</summary>
        [Loss, RequiresInput(InputKind.Pair)]
        public sealed partial class M
        {
            /// <summary>The margin.</summary>
            [Margin(1)] public partial float Margin { get; }

            [LossMath]
            private Tensor Compute(Tensor a, Tensor b) => a.sub(b).square().mean().add(Margin);
        }
        """;

    [Theory]
    [InlineData("/// <summary>M.</summary>", "/// <summary>M.</summary>\n    // A comment and blank lines are trivia.\n\n")]
    [InlineData("a.sub(b).square().mean().add(Margin)", "a.sub(b).abs().mean().add(Margin)")]
    public void A_trivia_or_LossMath_body_edit_leaves_the_output_unchanged(string original, string replacement)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(MathDeclaration);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        string edited = MathDeclaration.Replace(original, replacement, System.StringComparison.Ordinal);
        Assert.NotEqual(MathDeclaration, edited);
        GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, tree.FilePath))).GetRunResult().Results.Single();

        // The transform reruns on the edited declaration, but the model it builds is equal, so nothing is re-emitted.
        Assert.All(result.TrackedSteps["Output"].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}
