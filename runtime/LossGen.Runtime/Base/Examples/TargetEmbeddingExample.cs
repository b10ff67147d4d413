using System.Collections.Generic;

namespace LossGen;

/// <summary>One or more texts (a sentence and its translations) with a teacher's embedding (MSELoss distillation).</summary>
/// <param name="Texts">The texts, each trained towards the same target.</param>
/// <param name="TargetEmbedding">The teacher's embedding.</param>
public sealed record TargetEmbeddingExample(IReadOnlyList<string> Texts, IReadOnlyList<float> TargetEmbedding) : ITrainingExample
{
    /// <inheritdoc />
    public object? Label => TargetEmbedding;
}
