using System.Linq;
using LossGen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Generators.Tests;

/// <summary>Each declaration error has a stable ID, a message naming the member at fault, and a help link.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using LossGen; using LossGen.SentenceTransformers.Losses; using TorchSharp; using static TorchSharp.torch; namespace Demo;\n";

    [Theory]
    [InlineData("LG0002", "[Loss, Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class NoInput { }", "NoInput")]
    [InlineData("LG0003", "[Loss, RequiresInput(InputKind.Pair)] public sealed partial class NoMath { }", "neither a pairing/objective, a [LossMath] method nor [TextOnly]")]
    [InlineData("LG0003", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.Pairwise)] public sealed partial class HalfGrammar { }", "a pairing without an objective or a [LossMath] method")]
    [InlineData("LG0004", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.BatchAll), Objective(Objective.CoSent)] public sealed partial class Odd { [Scale(20)] public partial float Scale { get; } }", "'BatchAll' with objective 'CoSent'")]
    [InlineData("LG0005", "[Loss, RequiresInput(InputKind.Pair)] public sealed partial class BadMath { [LossMath] private Tensor Compute(Tensor a, Tensor b, Tensor c) => a; }", "parameter 'c' would be text column 2")]
    [InlineData("LG0005", "[Loss, RequiresInput(InputKind.Pair)] public sealed partial class NoLabels { [LossMath] private Tensor Compute(Tensor a, Tensor b, Tensor labels) => a; }", "input kind 'Pair' has no labels")]
    [InlineData("LG0005", "[Loss, RequiresInput(InputKind.Pair)] public sealed partial class WrongReturn { [LossMath] private float Compute(Tensor a, Tensor b) => 0; }", "it must return a Tensor")]
    [InlineData("LG0006", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class WrongType { [Scale(20)] public partial string Scale { get; } }", "[Scale] attribute on 'WrongType.Scale' needs a property of type float or double, not 'string'")]
    [InlineData("LG0007", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class Settable { [Scale(20)] public float Scale { get; set; } }", "Settable.Scale")]
    [InlineData("LG0008", "[Loss, RequiresInput(InputKind.Triplet), Pairing(Pairing.Triplet), Objective(Objective.Hinge)] public sealed partial class NoMargin { [Distance(TripletDistanceMetric.Euclidean)] public partial TripletDistanceMetric DistanceMetric { get; } }", "needs a [Margin] hyper-parameter")]
    [InlineData("LG0009", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.Triplet), Objective(Objective.Hinge)] public sealed partial class BadDefault { [Distance(SimilarityFunction.CosSim)] public partial TripletDistanceMetric DistanceMetric { get; } [Margin(1)] public partial float Margin { get; } }", "BadDefault.DistanceMetric")]
    [InlineData("LG0010", "public static partial class Outer { [Loss, RequiresInput(InputKind.Pair)] public sealed partial class Nested { } }", "Nested")]
    [InlineData("LG0011", "[Loss, RequiresInput(InputKind.ScoredPair), Pairing(Pairing.Pairwise), Objective(Objective.CoSent), Similarity(SimilarityFunction.PairwiseCosSim)] public sealed partial class Twice { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.PairwiseDotScore)] public partial SimilarityFunction SimilarityFct { get; } }", "Twice")]
    [InlineData("LG0012", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class TwoScales { [Scale(20)] public partial float A { get; } [Scale(10)] public partial float B { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "[Scale]")]
    [InlineData("LG0013", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy), GradientCache(typeof(object))] public sealed partial class NoChunks { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "NoChunks")]
    [InlineData("LG0011", "[Loss, RequiresInput(InputKind.LabeledText), Pairing(Pairing.BatchHard), Objective(Objective.SoftMargin), Similarity(SimilarityFunction.CosSim)] public sealed partial class SimAndDistance { [Distance(BatchDistanceMetric.Cosine)] public partial BatchDistanceMetric DistanceMetric { get; } }", "[Distance] 'DistanceMetric'")]
    [InlineData("LG0014", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial record RecordLoss { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "is a record")]
    [InlineData("LG0014", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public partial struct StructLoss { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "is a struct")]
    [InlineData("LG0014", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public static partial class StaticLoss { }", "is static")]
    [InlineData("LG0014", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public abstract partial class AbstractLoss { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "is abstract")]
    [InlineData("LG0014", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class @class { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "a C# keyword")]
    [InlineData("LG0014", "public class Base { } [Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class Derived : Base { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "derives from 'Demo.Base'")]
    [InlineData("LG0014", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public partial class Circle : Square { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } } public class Square : Circle { }", "does not resolve")]
    [InlineData("LG0015", "[Loss, RequiresInput(InputKind.Triplet), Pairing(Pairing.Triplet), Objective(Objective.Hinge)] public sealed partial class NanMargin { [Distance(TripletDistanceMetric.Euclidean)] public partial TripletDistanceMetric DistanceMetric { get; } [Margin(double.NaN)] public partial float Margin { get; } }", "finite")]
    [InlineData("LG0015", "[Loss, RequiresInput(InputKind.Triplet), Pairing(Pairing.Triplet), Objective(Objective.Hinge)] public sealed partial class NegativeMargin { [Distance(TripletDistanceMetric.Euclidean)] public partial TripletDistanceMetric DistanceMetric { get; } [Margin(-1)] public partial float Margin { get; } }", "[Margin] must be >= 0")]
    [InlineData("LG0015", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class ZeroScale { [Scale(0)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "[Scale] must be > 0")]
    [InlineData("LG0015", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class InfiniteScale { [Scale(double.PositiveInfinity)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "finite")]
    [InlineData("LG0015", "[Loss, RequiresInput(InputKind.Pair)] public sealed partial class BelowMinimum { [HyperParameter(1, Minimum = 2)] public partial int Count { get; } [LossMath] private Tensor Compute(Tensor a, Tensor b) => a; }", "below the declared Minimum 2")]
    [InlineData("LG0016", "[Loss, RequiresInput((InputKind)99), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class UndefinedKind { }", "[RequiresInput] attribute on 'UndefinedKind' has the value 99, which is not a member of InputKind")]
    [InlineData("LG0017", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.Pairwise), Objective(Objective.CoSent)] public sealed partial class Unscored { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.PairwiseCosSim)] public partial SimilarityFunction SimilarityFct { get; } }", "reads Score labels, but input kind 'Pair' carries None")]
    [InlineData("LG0018", "[Loss, RequiresInput(InputKind.AnchorPositiveNegatives), Pairing(Pairing.GuidedInBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class Unguided { [Temperature(0.01)] public partial float Temperature { get; } [Margin(0)] public partial float Margin { get; } }", "GuidedInBatchNegatives needs a [Guided] loss")]
    [InlineData("LG0019", "[Loss, RequiresInput(InputKind.Triplet), Pairing(Pairing.Triplet), Objective(Objective.Hinge)] public sealed partial class WrongMetric { [Distance(BatchDistanceMetric.Cosine)] public partial BatchDistanceMetric DistanceMetric { get; } [Margin(1)] public partial float Margin { get; } }", "compares embeddings with a TripletDistanceMetric, not LossGen.BatchDistanceMetric")]
    [InlineData("LG0020", "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy), GradientCache(typeof(string))] public sealed partial class CachedString { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } [MiniBatchSize(8)] public partial int MiniBatchSize { get; } }", "names 'string', which is not a [Loss] class")]
    [InlineData("LG0021", "[Loss, RequiresInput(InputKind.BinaryLabeledPair), Pairing(Pairing.Pairwise), Objective(Objective.Contrastive)] public sealed partial class Misspelt { [Distance(SiameseDistanceMetric.CosineDistance)] public partial SiameseDistanceMetric DistanceMetric { get; } [Margin(0.5)] public partial float Margin { get; } [HyperParameter(true)] public partial bool SizeAverge { get; } }", "'Misspelt.SizeAverge' (bool) is read by no part of Pairwise × Contrastive, which reads SizeAverage (bool)")]
    [InlineData("LG0021", "[Loss, RequiresInput(InputKind.BinaryLabeledPair), Pairing(Pairing.Pairwise), Objective(Objective.Contrastive)] public sealed partial class WrongOptionalType { [Distance(SiameseDistanceMetric.CosineDistance)] public partial SiameseDistanceMetric DistanceMetric { get; } [Margin(0.5)] public partial float Margin { get; } [HyperParameter(1)] public partial int SizeAverage { get; } }", "'WrongOptionalType.SizeAverage' (int)")]
    [InlineData("LG0021", "[Loss, RequiresInput(InputKind.ScoredPair), Pairing(Pairing.Pairwise), Objective(Objective.CoSent)] public sealed partial class GatheringCoSent { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.PairwiseCosSim)] public partial SimilarityFunction S { get; } [HyperParameter(false)] public partial bool GatherAcrossDevices { get; } }", "'GatheringCoSent.GatherAcrossDevices' (bool) is read by no part of Pairwise × CoSent")]
    [InlineData("LG0021", "[Loss, RequiresInput(InputKind.ScoredPair), Pairing(Pairing.Pairwise), Objective(Objective.CoSent)] public sealed partial class Unchunked { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.PairwiseCosSim)] public partial SimilarityFunction S { get; } [MiniBatchSize(8)] public partial int MiniBatchSize { get; } }", "which reads no [MiniBatchSize]: it does not chunk")]
    [InlineData("LG0022", "[Loss, RequiresInput(InputKind.AnchorPositiveNegatives), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy), Directions(InBatchDirections.QueryToDoc | InBatchDirections.DocToDoc, PartitionMode.PerDirection)] public sealed partial class PerBlockDocs { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "fixes [Directions] that MultipleNegativesRankingLoss refuses: partition_mode='per_direction'")]
    [InlineData("LG0022", "[Loss, RequiresInput(InputKind.AnchorPositiveNegatives), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy), Directions(InBatchDirections.DocToQuery)] public sealed partial class NoPositive { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }", "'query_to_doc' direction is required")]
    public void Declaration_error_is_reported(string id, string declaration, string messagePart)
    {
        var (output, diagnostics, sources) = GeneratorHarness.Run(Usings + declaration);

        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.StartsWith("https://", diagnostic.Descriptor.HelpLinkUri, System.StringComparison.Ordinal);
        Assert.EndsWith(id.ToLowerInvariant(), diagnostic.Descriptor.HelpLinkUri, System.StringComparison.Ordinal);
        Assert.NotEqual(Location.None, diagnostic.Location);
        Assert.All(sources.Values, source => Assert.Contains("A stand-in", source, System.StringComparison.Ordinal));
        GeneratorHarness.AssertOnlyLossGenErrors(output);
    }

    [Fact]
    public void A_broken_declaration_still_compiles_where_it_is_used_and_throws_when_run()
    {
        var (output, diagnostics, sources) = GeneratorHarness.Run(Usings + """
            [Loss, RequiresInput(InputKind.Triplet), Pairing(Pairing.Triplet), Objective(Objective.Hinge)]
            public sealed partial class NegativeMargin
            {
                [Distance(TripletDistanceMetric.Euclidean)] public partial TripletDistanceMetric DistanceMetric { get; }
                [Margin(-1)] public partial float Margin { get; }
                partial void OnCreated() { }
            }

            public static class Use
            {
                public static SentenceLoss Create(ISentenceEncoder model) => new NegativeMargin(model, distanceMetric: TripletDistanceMetric.Cosine);
                public static TextBatch Batch() => NegativeMargin.Collate(new TripletExample[0]);
                public static LossDescriptor Metadata() => NegativeMargin.Metadata;
            }
            """);

        Assert.Contains(diagnostics, d => d.Id == "LG0015");
        Assert.Single(sources);
        GeneratorHarness.AssertOnlyLossGenErrors(output);
    }

    [Fact]
    public void A_gradient_cache_twin_that_does_not_exist_is_LG0020_not_an_error_in_generated_code()
    {
        var (output, diagnostics, sources) = GeneratorHarness.Run(Usings + """
            [Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy), GradientCache(typeof(SomeTypeThatDoesNotExist))]
            public sealed partial class Cached
            {
                [Scale(20)] public partial float Scale { get; }
                [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction SimilarityFct { get; }
                [MiniBatchSize(32)] public partial int MiniBatchSize { get; }
            }
            """);

        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == "LG0020");
        Assert.Contains("names 'SomeTypeThatDoesNotExist', which is not a [Loss] class", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.DoesNotContain("SomeTypeThatDoesNotExist", Assert.Single(sources.Values), System.StringComparison.Ordinal);

        // The only compiler error is the user's own, at the attribute.
        Diagnostic missing = Assert.Single(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0246", missing.Id);
        Assert.Equal("Source0.cs", missing.Location.SourceTree?.FilePath);
    }

    [Fact]
    public void A_valid_declaration_reports_nothing()
    {
        var (output, diagnostics, sources) = GeneratorHarness.Run(Usings + """
            /// <summary>A custom loss.</summary>
            [Loss, RequiresInput(InputKind.LabeledText), Pairing(Pairing.BatchHard), Objective(Objective.SoftMargin)]
            public sealed partial class CosineSoftMargin
            {
                /// <summary>The distance.</summary>
                [Distance(BatchDistanceMetric.Cosine)]
                public partial BatchDistanceMetric DistanceMetric { get; }
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Single(sources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Every_descriptor_is_listed_in_the_release_notes()
    {
        string unshipped = System.IO.File.ReadAllText(System.IO.Path.Combine(Catalogue.Folder, "..", "..", "analyzers", "LossGen.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var field in typeof(LossGenerator).Assembly.GetType("LossGen.Generators.Diagnostics.DiagnosticDescriptors")!.GetFields())
        {
            var descriptor = (DiagnosticDescriptor)field.GetValue(null)!;
            Assert.Contains(descriptor.Id + " |", unshipped, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_descriptor_explains_more_than_its_title()
    {
        foreach (var field in typeof(LossGenerator).Assembly.GetType("LossGen.Generators.Diagnostics.DiagnosticDescriptors")!.GetFields())
        {
            var descriptor = (DiagnosticDescriptor)field.GetValue(null)!;
            string description = descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(description.Length > descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 20, $"{descriptor.Id}: '{description}'");
        }
    }

    [Fact]
    public void A_declaration_diagnostic_has_its_real_location_and_can_be_suppressed_in_source()
    {
        const string declaration = "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.BatchAll), Objective(Objective.CoSent)] public sealed partial class Odd { }";
        var (_, diagnostics, _) = GeneratorHarness.Run(Usings + declaration);
        Diagnostic reported = Assert.Single(diagnostics, d => d.Id == "LG0004");
        Assert.True(reported.Location.IsInSource);
        Assert.Equal("Odd", reported.Location.SourceTree!.GetText().ToString(reported.Location.SourceSpan));

        var (_, suppressed, sources) = GeneratorHarness.Run(Usings + "#pragma warning disable LG0004\n" + declaration + "\n#pragma warning restore LG0004");
        Assert.DoesNotContain(suppressed, d => d.Id == "LG0004");

        // Suppressed, the declaration still cannot be generated: its stand-in compiles and refuses at run time.
        Assert.Contains("cannot be used: its [Loss] declaration has errors", Assert.Single(sources.Values), System.StringComparison.Ordinal);
    }
}
