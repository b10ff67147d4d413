using System;
using LossGen.Models;

namespace LossGen.Losses;

/// <summary>
/// ContrastiveTensionLoss: two model copies score (sentence, sentence) pairs by dot product; identical pairs (label 1)
/// should score high and random pairs (label 0) low, by summed binary cross-entropy. Feed it batches from
/// ContrastiveTensionDataLoader.
/// </summary>
[Loss]
[RequiresLoader(typeof(ContrastiveTensionDataLoader))]
[RequiresInput(InputKind.BinaryLabeledPair)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.BinaryCrossEntropy)]
[Similarity(SimilarityFunction.PairwiseDotScore)]
[Citation(Citations.ContrastiveTension)]
public sealed partial class ContrastiveTensionLoss
{
    /// <summary>The independent trainable copy that embeds the first column (<c>model1</c>); thrown away after training.</summary>
    public ISentenceEncoder? CopyModel { get; private set; }

    partial void OnCreated()
    {
        CopyModel = ContrastiveTensionModels.CopyOf(Model, nameof(ContrastiveTensionLoss));
        if (CopyModel is TorchSharp.torch.nn.Module module)
        {
            register_module("model1", module);
        }
    }

    /// <inheritdoc />
    /// <remarks>The first column is embedded by the copy, the second by the model being trained.</remarks>
    public override TorchSharp.torch.Tensor Compute(TextBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ISentenceEncoder model = RequireModel();
        using var scope = TorchSharp.torch.NewDisposeScope();
        TorchSharp.torch.Tensor[] embeddings = ContrastiveTensionModels.Embed(CopyModel!, model, batch, nameof(ContrastiveTensionLoss));
        return ComputeFromEmbeddings(new EmbeddingBatch(embeddings, batch.Labels?.to(model.Device))).MoveToOuterDisposeScope();
    }
}
