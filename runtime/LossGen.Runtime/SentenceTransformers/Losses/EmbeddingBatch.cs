using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// The input of <see cref="SentenceLoss.ComputeFromEmbeddings(EmbeddingBatch)"/>: one <c>B×D</c> tensor per text column in
/// dataset column order, the label tensor, and, for guided losses, the guide model's embeddings of the same columns.
/// </summary>
/// <param name="Columns">The embeddings of each text column.</param>
/// <param name="Labels">The labels, or <c>null</c> for losses without labels.</param>
/// <param name="GuideColumns">The guide model's embeddings of each column (GISTEmbed), constants without gradient.</param>
public sealed record EmbeddingBatch(IReadOnlyList<Tensor> Columns, Tensor? Labels = null, IReadOnlyList<Tensor>? GuideColumns = null)
{
    /// <summary>
    /// Every column after the first, stacked along the batch (<c>torch.cat(embeddings[1:])</c>): the positives, then
    /// each hard-negative column. With one candidate column it is that column itself, not a copy.
    /// </summary>
    public Tensor Candidates() => Columns.Count == 2 ? Columns[1] : cat(Columns.Skip(1).ToArray(), 0);
}
