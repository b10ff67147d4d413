using System;
using System.Linq;
using LossGen.Generators.Emission.Rules;
using LossGen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Generators.Tests;

/// <summary>The grammar table and the emitter agree by test: every rule has an emitter whose output compiles, and nothing else does.</summary>
public sealed class GrammarTests
{
    private const string Usings = "using LossGen; using LossGen.SentenceTransformers.Losses; using TorchSharp; using static TorchSharp.torch; namespace Demo;\n";

    public static TheoryData<string, string, string> Rules()
    {
        var data = new TheoryData<string, string, string>();
        foreach (LossRule rule in LossGrammar.Rules)
        {
            data.Add(rule.Family.ToString(), rule.Pairing.ToString(), rule.Objective.ToString());
        }

        return data;
    }

    [Fact]
    public void The_emitter_covers_the_grammar_exactly()
    {
        string[] grammar = LossGrammar.Rules.Select(r => $"{r.Family}: {r.Pairing} × {r.Objective}").Order(StringComparer.Ordinal).ToArray();
        string[] emitters = Enum.GetValues<ModelFamily>()
            .SelectMany(family => ForwardRules.Of(family).Select(r => $"{family}: {r.Pairing} × {r.Objective}"))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(grammar, emitters);
        Assert.Equal(grammar.Length, grammar.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_rule_emits_code_that_compiles_with_warnings_as_errors(string family, string pairing, string objective)
    {
        LossRule rule = LossGrammar.Find(Enum.Parse<ModelFamily>(family), Enum.Parse<Pairing>(pairing), Enum.Parse<Objective>(objective))!;
        var (output, diagnostics, sources) = GeneratorHarness.Run(Usings + MinimalDeclaration(rule));

        Assert.Empty(diagnostics);
        Assert.Single(sources);
        Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, GeneratorHarness.Describe(problems));
    }

    [Fact]
    public void Every_combination_outside_the_grammar_is_refused_with_LG0004()
    {
        foreach (ModelFamily family in Enum.GetValues<ModelFamily>())
        {
            foreach (Pairing pairing in Enum.GetValues<Pairing>())
            {
                foreach (Objective objective in Enum.GetValues<Objective>().Where(o => LossGrammar.Find(family, pairing, o) is null))
                {
                    var (output, diagnostics, _) = GeneratorHarness.Run(Usings + $"[Loss(ModelFamily.{family}), RequiresInput(InputKind.Pair), Pairing(Pairing.{pairing}), Objective(Objective.{objective})] public sealed partial class Odd {{ }}");
                    Assert.Contains(diagnostics, d => d.Id == "LG0004" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(family.ToString(), StringComparison.Ordinal));
                    GeneratorHarness.AssertOnlyLossGenErrors(output);
                }
            }
        }
    }

    [Fact]
    public void A_matrix_rule_refuses_a_pairwise_similarity_at_the_declaration()
    {
        var (_, diagnostics, _) = GeneratorHarness.Run(Usings + "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class Rowwise { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.PairwiseCosSim)] public partial SimilarityFunction SimilarityFct { get; } }");
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LG0019", diagnostic.Id);
        Assert.Contains("not SimilarityFunction.PairwiseCosSim", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // The smallest declaration of a rule: an input kind with the rule's labels, its roles, and its comparison.
    private static string MinimalDeclaration(LossRule rule)
    {
        InputKind kind = rule.Pairing switch
        {
            Pairing.Triplet => InputKind.Triplet,
            _ when rule.Label == LabelKind.ClassId && rule.Family == ModelFamily.CrossEncoder => InputKind.LabeledPair,
            _ => Enum.GetValues<InputKind>().First(k => k.LabelOf() == rule.Label && (rule.Label != LabelKind.None || k == InputKind.AnchorPositiveNegatives)),
        };
        string members = string.Concat(rule.RequiredRoles.Select(role => $"[{role}(1)] public partial float {role} {{ get; }} "));
        members += rule.Comparison switch
        {
            EmbeddingComparison.SimilarityMatrix => "[Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction SimilarityFct { get; } ",
            EmbeddingComparison.PairwiseSimilarity => "[Similarity(SimilarityFunction.PairwiseCosSim)] public partial SimilarityFunction SimilarityFct { get; } ",
            EmbeddingComparison.SiameseDistance => "[Distance(SiameseDistanceMetric.Euclidean)] public partial SiameseDistanceMetric DistanceMetric { get; } ",
            EmbeddingComparison.TripletDistance => "[Distance(TripletDistanceMetric.Euclidean)] public partial TripletDistanceMetric DistanceMetric { get; } ",
            EmbeddingComparison.BatchDistance => "[Distance(BatchDistanceMetric.Euclidean)] public partial BatchDistanceMetric DistanceMetric { get; } ",
            _ => string.Empty,
        };
        string guided = rule.Pairing == Pairing.GuidedInBatchNegatives ? ", Guided" : string.Empty;
        return $"/// <summary>A minimal {rule.Pairing} × {rule.Objective} loss.</summary>\n"
            + $"[Loss(ModelFamily.{rule.Family}), RequiresInput(InputKind.{kind}), Pairing(Pairing.{rule.Pairing}), Objective(Objective.{rule.Objective}){guided}] public sealed partial class Minimal {{ {members}}}";
    }
}
