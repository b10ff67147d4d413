using System;
using System.Collections.Generic;

namespace LossGen;

/// <summary>
/// Facts about each <see cref="InputKind"/>: its text columns, its label, the typed example records that carry it and
/// how messages describe it. The generator and the analyzers compile this same file, so the facts live here only.
/// </summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
static class InputKinds
{
    /// <summary>The label kind of examples of <paramref name="kind"/>.</summary>
    public static LabelKind LabelOf(this InputKind kind) => kind switch
    {
        InputKind.Text or InputKind.Pair or InputKind.Triplet or InputKind.AnchorPositiveNegatives or InputKind.Texts => LabelKind.None,
        InputKind.LabeledText or InputKind.LabeledPair => LabelKind.ClassId,
        InputKind.BinaryLabeledPair => LabelKind.Binary,
        InputKind.ScoredPair or InputKind.ScoredPairOrTuple => LabelKind.Score,
        InputKind.QueryPassagesWithTeacherScores => LabelKind.ScoreVector,
        InputKind.TextWithTargetEmbedding => LabelKind.Embedding,
        InputKind.QueryDocuments => LabelKind.ScoreList,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The column count from which a batch of <paramref name="kind"/> may come without labels, or <c>null</c> when its
    /// labels are always required (or never read): an AnglE n-tuple without scores labels its positives 1.
    /// </summary>
    public static int? LabelsOptionalFrom(this InputKind kind) => kind == InputKind.ScoredPairOrTuple ? 3 : null;

    /// <summary>The fewest text columns of <paramref name="kind"/>.</summary>
    public static int MinColumns(this InputKind kind) => kind switch
    {
        InputKind.Text or InputKind.LabeledText or InputKind.TextWithTargetEmbedding or InputKind.Texts => 1,
        InputKind.Triplet => 3,
        _ => 2,
    };

    /// <summary>The most text columns of <paramref name="kind"/>, or <c>null</c> when unbounded.</summary>
    public static int? MaxColumns(this InputKind kind) => kind switch
    {
        InputKind.Text or InputKind.LabeledText => 1,
        InputKind.Pair or InputKind.ScoredPair or InputKind.BinaryLabeledPair or InputKind.LabeledPair or InputKind.QueryDocuments => 2,
        InputKind.Triplet => 3,
        _ => null,
    };

    /// <summary>The typed example records (type names in namespace <c>LossGen</c>) that carry data a loss of <paramref name="kind"/> accepts.</summary>
    public static IReadOnlyList<string> ExampleTypes(this InputKind kind) => kind switch
    {
        InputKind.AnchorPositiveNegatives => [ExampleType(InputKind.Pair), ExampleType(InputKind.Triplet), ExampleType(kind)],
        InputKind.Texts => [ExampleType(InputKind.Text), ExampleType(InputKind.Pair), ExampleType(InputKind.Triplet), ExampleType(InputKind.AnchorPositiveNegatives)],
        InputKind.ScoredPairOrTuple => [ExampleType(InputKind.ScoredPair), ExampleType(InputKind.Triplet), ExampleType(InputKind.AnchorPositiveNegatives)],
        _ => [ExampleType(kind)],
    };

    /// <summary>The typed example record that carries exactly <paramref name="kind"/>.</summary>
    public static string ExampleType(this InputKind kind) => kind switch
    {
        InputKind.QueryPassagesWithTeacherScores => "QueryPassagesExample",
        InputKind.TextWithTargetEmbedding => "TargetEmbeddingExample",
        _ => kind + "Example",
    };

    /// <summary>The input kind a typed example record carries, or <c>null</c> when <paramref name="typeName"/> is not one.</summary>
    public static InputKind? OfExampleType(string typeName)
    {
        foreach (InputKind kind in All)
        {
            if (ExampleType(kind) == typeName)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>Whether data of kind <paramref name="given"/> fits a loss requiring <paramref name="required"/>.</summary>
    public static bool Accepts(this InputKind required, InputKind given) =>
        required == given
        || (required == InputKind.AnchorPositiveNegatives && given is InputKind.Pair or InputKind.Triplet)
        || (required == InputKind.Texts && given is InputKind.Text or InputKind.Pair or InputKind.Triplet or InputKind.AnchorPositiveNegatives)
        || (required == InputKind.ScoredPairOrTuple && given is InputKind.ScoredPair or InputKind.Triplet or InputKind.AnchorPositiveNegatives);

    /// <summary>The kind in words, for messages.</summary>
    public static string Describe(this InputKind kind) => kind switch
    {
        InputKind.Text => "single-text",
        InputKind.LabeledText => "single-text-with-class-label",
        InputKind.Pair => "(anchor, positive) pair",
        InputKind.ScoredPair => "pair-with-float-score",
        InputKind.BinaryLabeledPair => "pair-with-0/1-label",
        InputKind.LabeledPair => "pair-with-class-label",
        InputKind.Triplet => "(anchor, positive, negative) triplet",
        InputKind.AnchorPositiveNegatives => "anchor-positive[-negatives]",
        InputKind.QueryPassagesWithTeacherScores => "query-passages-with-teacher-scores",
        InputKind.TextWithTargetEmbedding => "text-with-target-embedding",
        InputKind.QueryDocuments => "query-with-labelled-documents",
        InputKind.Texts => "one-or-more-texts",
        InputKind.ScoredPairOrTuple => "pair-with-float-score or (anchor, positive, negatives…) with an optional score",
        _ => kind.ToString(),
    } + " (" + string.Join(", ", ExampleTypes(kind)) + ")";

    private static readonly InputKind[] All = (InputKind[])Enum.GetValues(typeof(InputKind));
}
