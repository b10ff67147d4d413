using System;

namespace LossGen;

/// <summary>Facts about each <see cref="InputKind"/>: its text columns and its label.</summary>
public static class InputKinds
{
    /// <summary>The label kind of examples of <paramref name="kind"/>.</summary>
    public static LabelKind LabelOf(this InputKind kind) => kind switch
    {
        InputKind.Text or InputKind.Pair or InputKind.Triplet or InputKind.AnchorPositiveNegatives => LabelKind.None,
        InputKind.LabeledText or InputKind.LabeledPair => LabelKind.ClassId,
        InputKind.BinaryLabeledPair => LabelKind.Binary,
        InputKind.ScoredPair => LabelKind.Score,
        InputKind.QueryPassagesWithTeacherScores => LabelKind.ScoreVector,
        InputKind.TextWithTargetEmbedding => LabelKind.Embedding,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The fewest text columns of <paramref name="kind"/>.</summary>
    public static int MinColumns(this InputKind kind) => kind switch
    {
        InputKind.Text or InputKind.LabeledText or InputKind.TextWithTargetEmbedding => 1,
        InputKind.Triplet => 3,
        InputKind.QueryPassagesWithTeacherScores => 2,
        _ => 2,
    };

    /// <summary>The most text columns of <paramref name="kind"/>, or <c>null</c> when unbounded.</summary>
    public static int? MaxColumns(this InputKind kind) => kind switch
    {
        InputKind.Text or InputKind.LabeledText => 1,
        InputKind.Pair or InputKind.ScoredPair or InputKind.BinaryLabeledPair or InputKind.LabeledPair => 2,
        InputKind.Triplet => 3,
        _ => null,
    };
}
