using System;
using System.ComponentModel;
using LossGen.SentenceTransformers.Losses;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers;

/// <summary>The two-model forward of <see cref="TrainsModelCopyAttribute"/> losses, called by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelCopies
{
    /// <summary>An independent copy of <paramref name="model"/>, or <c>null</c> when the loss only sees precomputed embeddings.</summary>
    public static ISentenceEncoder? CopyOf(ISentenceEncoder? model, string loss) => model switch
    {
        null => null,
        ICopyableSentenceEncoder copyable => copyable.Copy(),
        _ => throw new ArgumentException($"{loss} trains an independent copy of the model, and {model.GetType().Name} cannot copy itself (ICopyableSentenceEncoder).", nameof(model)),
    };

    /// <summary>
    /// Embeds column 0 with <paramref name="copy"/> and column 1 with the loss's model, then computes the loss; a
    /// one-column loss (ContrastiveTensionLossInBatchNegatives, v5.3+) has its column embedded by both.
    /// </summary>
    public static Tensor Compute(SentenceLoss loss, ISentenceEncoder? copy, TextBatch batch)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batch);
        ISentenceEncoder model = loss.Model ?? throw new InvalidOperationException($"{loss.Descriptor.Name} was created without a model; pass one to its constructor to train.");
        int expected = loss.Descriptor.MaxColumns == 1 ? 1 : 2;
        if (batch.Columns.Count != expected)
        {
            throw new LossInputException($"{loss.Descriptor.Name} expects {expected} text column(s); got {batch.Columns.Count}.");
        }

        using var scope = NewDisposeScope();
        Tensor[] embeddings = [copy!.Encode(batch.Columns[0]), model.Encode(batch.Columns[expected - 1])];
        return loss.ComputeFromEmbeddings(new EmbeddingBatch(embeddings, batch.Labels?.to(model.Device))).MoveToOuterDisposeScope();
    }
}
