using System.Collections.Generic;

namespace LossGen;

/// <summary>
/// A query, its passages (positive first) and the teacher's scores or margins (MarginMSELoss, DistillKLDivLoss).
/// </summary>
/// <param name="Query">The query.</param>
/// <param name="Passages">The positive passage followed by one or more negatives.</param>
/// <param name="TeacherScores">Teacher margins (one per negative) or raw teacher scores (one per passage).</param>
public sealed record QueryPassagesExample(string Query, IReadOnlyList<string> Passages, IReadOnlyList<float> TeacherScores) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Query, .. Passages];

    /// <inheritdoc />
    public object? Label => TeacherScores;
}
