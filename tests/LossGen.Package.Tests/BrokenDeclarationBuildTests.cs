using System.Collections.Generic;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Package.Tests;

/// <summary>
/// A <c>dotnet build</c> of a consumer of the packed package reports each broken declaration's LG diagnostic at the
/// declaration, beside the misuse diagnostics of the same project, and no compiler error that the missing generated
/// half of a broken declaration would cause (which would stop the build from reporting analyzer diagnostics at all).
/// </summary>
[Collection(PackageFeed.Name)]
public sealed class BrokenDeclarationBuildTests(PackageFeed feed, ITestOutputHelper output)
{
    private const string Usings = "using LossGen;\nusing LossGen.SentenceTransformers.Losses;\nusing TorchSharp;\nusing static TorchSharp.torch;\n";

    // One declaration per rule, each on line 5 of a file named for its diagnostic.
    private static readonly Dictionary<string, string> Declarations = new()
    {
        ["LG0002"] = "[Loss, Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class NoInput { [Scale(20)] public partial float Scale { get; } }",
        ["LG0003"] = "[Loss, RequiresInput(InputKind.Pair)] public sealed partial class NoMath { [Margin(1)] public partial float Margin { get; } }",
        ["LG0004"] = "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.BatchAll), Objective(Objective.CoSent)] public sealed partial class Odd { [Scale(20)] public partial float Scale { get; } }",
        ["LG0005"] = "[Loss, RequiresInput(InputKind.Pair)] public sealed partial class BadMath { [LossMath] private Tensor Compute(Tensor a, Tensor b, Tensor c) => a + b + c; }",
        ["LG0006"] = "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class WrongType { [Scale(20)] public partial string Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }",
        ["LG0007"] = "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class Settable { [Scale(20)] public float Scale { get; set; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }",
        ["LG0008"] = "[Loss, RequiresInput(InputKind.Triplet), Pairing(Pairing.Triplet), Objective(Objective.Hinge)] public sealed partial class NoMargin { [Distance(TripletDistanceMetric.Euclidean)] public partial TripletDistanceMetric DistanceMetric { get; } }",
        ["LG0009"] = "[Loss, RequiresInput(InputKind.Triplet), Pairing(Pairing.Triplet), Objective(Objective.Hinge)] public sealed partial class BadDefault { [Distance(SimilarityFunction.CosSim)] public partial TripletDistanceMetric DistanceMetric { get; } [Margin(1)] public partial float Margin { get; } }",
        ["LG0010"] = "public partial class Outer { [Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class Nested { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } } }",
        ["LG0011"] = "[Loss, RequiresInput(InputKind.ScoredPair), Pairing(Pairing.Pairwise), Objective(Objective.CoSent), Similarity(SimilarityFunction.PairwiseCosSim)] public sealed partial class Twice { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.PairwiseDotScore)] public partial SimilarityFunction SimilarityFct { get; } }",
        ["LG0012"] = "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class TwoScales { [Scale(20)] public partial float A { get; } [Scale(10)] public partial float B { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }",
        ["LG0013"] = "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy), GradientCache(typeof(MultipleNegativesRankingLoss))] public sealed partial class NoChunks { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }",
        ["LG0014"] = "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public abstract partial class AbstractLoss { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } }",
        ["LG0015"] = "[Loss, RequiresInput(InputKind.Triplet), Pairing(Pairing.Triplet), Objective(Objective.Hinge)] public sealed partial class NegativeMargin { [Distance(TripletDistanceMetric.Euclidean)] public partial TripletDistanceMetric DistanceMetric { get; } [Margin(-1)] public partial float Margin { get; } }",
        ["LG0016"] = "[Loss, RequiresInput((InputKind)99), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class UndefinedKind { [Scale(20)] public partial float Scale { get; } }",
        ["LG0017"] = "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.Pairwise), Objective(Objective.CoSent)] public sealed partial class Unscored { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.PairwiseCosSim)] public partial SimilarityFunction SimilarityFct { get; } }",
        ["LG0018"] = "[Loss, RequiresInput(InputKind.AnchorPositiveNegatives), Pairing(Pairing.GuidedInBatchNegatives), Objective(Objective.CrossEntropy)] public sealed partial class Unguided { [Temperature(0.01)] public partial float Temperature { get; } [Margin(0)] public partial float Margin { get; } }",
        ["LG0019"] = "[Loss, RequiresInput(InputKind.Triplet), Pairing(Pairing.Triplet), Objective(Objective.Hinge)] public sealed partial class WrongMetric { [Distance(BatchDistanceMetric.Cosine)] public partial BatchDistanceMetric DistanceMetric { get; } [Margin(1)] public partial float Margin { get; } }",
        ["LG0020"] = "[Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.InBatchNegatives), Objective(Objective.CrossEntropy), GradientCache(typeof(string))] public sealed partial class CachedString { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.CosSim)] public partial SimilarityFunction S { get; } [MiniBatchSize(8)] public partial int MiniBatchSize { get; } }",
        ["LG0021"] = "[Loss, RequiresInput(InputKind.BinaryLabeledPair), Pairing(Pairing.Pairwise), Objective(Objective.Contrastive)] public sealed partial class Misspelt { [Distance(SiameseDistanceMetric.CosineDistance)] public partial SiameseDistanceMetric DistanceMetric { get; } [Margin(0.5)] public partial float Margin { get; } [HyperParameter(true)] public partial bool SizeAverge { get; } }",
    };

    [Fact]
    public void Every_broken_declaration_shows_its_LG_diagnostic_at_the_declaration_beside_misuse_and_no_compiler_error()
    {
        using var consumer = new ConsumerProject(feed, output);
        foreach ((string id, string declaration) in Declarations)
        {
            consumer.Write(id + ".cs", Usings + declaration + "\n");
        }

        // Code that uses broken declarations compiles against their stand-ins; the catalogue misuses are LG1003 and,
        // for a reranker, LG1012, and MNRL directions that v6 refuses, LG1014.
        consumer.Write("Program.cs", """
            using LossGen;
            using LossGen.SentenceTransformers.Losses;

            SentenceLoss broken = new NegativeMargin(null, distanceMetric: TripletDistanceMetric.Cosine);
            TextBatch batch = Odd.Collate([new PairExample("a", "b")]);
            using var misused = new MultipleNegativesRankingLoss(null, scale: 0);
            using var reranker = new LossGen.CrossEncoders.Losses.BinaryCrossEntropyLoss(LossGen.CrossEncoders.CrossEncoder.Load("nli", numLabels: 3));
            using var directions = new MultipleNegativesRankingLoss(null, directions: InBatchDirections.QueryToDoc | InBatchDirections.QueryToQuery, partitionMode: PartitionMode.PerDirection);
            Console.WriteLine($"{broken} {batch} {misused} {reranker} {directions}");
            """);

        // Suppressed in source and in .editorconfig: the build must stay silent about these two.
        consumer.Write("Suppressed.cs", Usings + """
            #pragma warning disable LG0004
            [Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.BatchAll), Objective(Objective.CoSent)] public sealed partial class QuietOdd { [Scale(20)] public partial float Scale { get; } }
            #pragma warning restore LG0004
            [Loss, RequiresInput(InputKind.Pair), Pairing(Pairing.Pairwise), Objective(Objective.CoSent)] public sealed partial class QuietUnscored { [Scale(20)] public partial float Scale { get; } [Similarity(SimilarityFunction.PairwiseCosSim)] public partial SimilarityFunction SimilarityFct { get; } }
            """);
        consumer.Write(".editorconfig", "root = true\n\n[Suppressed.cs]\ndotnet_diagnostic.LG0017.severity = none\n");

        (int exitCode, string build) = consumer.RunAllowingFailure("build -c Release");

        Assert.NotEqual(0, exitCode);
        foreach (string id in Declarations.Keys)
        {
            Assert.Matches(new Regex($@"{id}\.cs\(5,\d+\): error {id}:"), build);
        }

        Assert.Matches(new Regex(@"Program\.cs\(6,\d+\): error LG1003:.*MultipleNegativesRankingLoss"), build);
        Assert.Matches(new Regex(@"Program\.cs\(7,\d+\): error LG1012: BinaryCrossEntropyLoss reads one logit per pair, but '<Main>\$' builds the cross-encoder with 3 labels"), build);
        Assert.Matches(new Regex(@"Program\.cs\(8,\d+\): error LG1014: MultipleNegativesRankingLoss: partition_mode='per_direction'"), build);
        Assert.DoesNotMatch(new Regex(@"Suppressed\.cs\(\d+,\d+\): error"), build);
        Assert.DoesNotMatch(new Regex(@"error CS\d{4}"), build);
    }
}
