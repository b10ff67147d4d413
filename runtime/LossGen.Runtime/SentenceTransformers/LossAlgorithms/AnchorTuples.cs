using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.LossAlgorithms;

/// <summary>
/// An (anchor, positive, negatives…) batch as the scored pairs AnglELoss compares (sentence-transformers v5.3): the
/// anchor against every other column, a positive labelled with its row's score (1 when there is none) and a
/// negative with 1 − that score. A two-column batch is already pairs and keeps its labels.
/// </summary>
public static class AnchorTuples
{
    /// <summary>The left and right embeddings, <c>[B·(columns − 1), D]</c> each, and their labels.</summary>
    public static (Tensor Left, Tensor Right, Tensor Labels) AsPairs(LossDescriptor loss, IReadOnlyList<Tensor> columns, Tensor? labels)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 2)
        {
            return (columns[0], columns[1], labels ?? throw new LossInputException($"{loss.Name} needs a score per pair; the batch of pairs has no labels."));
        }

        Tensor anchors = columns[0];
        Tensor positives = labels?.to(anchors.dtype) ?? ones(anchors.shape[0], dtype: anchors.dtype, device: anchors.device);
        Tensor left = anchors.repeat(columns.Count - 1, 1);
        Tensor right = cat(columns.Skip(1).ToArray(), 0);
        Tensor pairLabels = cat([positives, (1 - positives).repeat(columns.Count - 2)], 0);
        return (left, right, pairLabels);
    }
}
