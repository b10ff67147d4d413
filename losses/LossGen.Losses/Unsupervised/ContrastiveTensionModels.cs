using System;
using System.Collections.Generic;
using LossGen.Models;
using static TorchSharp.torch;

namespace LossGen.Losses;

/// <summary>
/// The two models of Contrastive Tension: the one being trained and kept (<c>model2</c>, the loss's <c>Model</c>) and an
/// independent trainable copy that embeds the first column and is thrown away after training (<c>model1</c>).
/// </summary>
internal static class ContrastiveTensionModels
{
    /// <summary>The copy of <paramref name="model"/>, or <c>null</c> when the loss only sees precomputed embeddings.</summary>
    public static ISentenceEncoder? CopyOf(ISentenceEncoder? model, string loss) => model switch
    {
        null => null,
        ICopyableSentenceEncoder copyable => copyable.Copy(),
        _ => throw new ArgumentException($"{loss} trains an independent copy of the model, and {model.GetType().Name} cannot copy itself (ICopyableSentenceEncoder).", nameof(model)),
    };

    /// <summary>Embeds column 0 with the copy and column 1 with the kept model.</summary>
    public static Tensor[] Embed(ISentenceEncoder copy, ISentenceEncoder model, TextBatch batch, string loss)
    {
        if (batch.Columns.Count != 2)
        {
            throw new LossInputException($"{loss} expects 2 text columns; got {batch.Columns.Count}.");
        }

        return [copy.Encode(batch.Columns[0]), model.Encode(batch.Columns[1])];
    }
}
