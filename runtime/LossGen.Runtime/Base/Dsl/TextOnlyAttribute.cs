using System;

namespace LossGen;

/// <summary>
/// Declares a loss that needs the batch's texts, not only their embeddings (TSDAE reconstructs token ids): it overrides
/// <see cref="SentenceTransformers.Losses.SentenceLoss.Compute(TextBatch)"/> itself, and the generated
/// <see cref="SentenceTransformers.Losses.SentenceLoss.ComputeFromEmbeddings(SentenceTransformers.Losses.EmbeddingBatch)"/> refuses with <see cref="NotSupportedException"/>.
/// Such a loss declares neither an objective nor a <see cref="LossMathAttribute"/> method.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TextOnlyAttribute : Attribute
{
}
