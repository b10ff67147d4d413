using System;
using LossGen.Models;

namespace LossGen.Losses;

/// <summary>
/// ContrastiveTensionLossInBatchNegatives: Contrastive Tension with in-batch negatives, symmetric cross-entropy over
/// the scores of two model copies, with a learnable temperature (<c>logit_scale</c>, initialised to log(scale)).
/// Train on (sentence, sentence) pairs from an ordinary loader.
/// </summary>
[Loss]
[RefusesLoader(typeof(ContrastiveTensionDataLoader))]
[RequiresInput(InputKind.Pair)]
[Pairing(Pairing.SymmetricInBatchNegatives)]
[Objective(Objective.CrossEntropy)]
[Citation(Citations.ContrastiveTension)]
public sealed partial class ContrastiveTensionLossInBatchNegatives
{
    /// <summary>The initial scale; the loss learns <c>log(scale)</c> (<c>scale</c>).</summary>
    [Scale(20, Learnable = true)]
    public partial float Scale { get; }

    /// <summary>The similarity matrix function (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.CosSim)]
    public partial SimilarityFunction SimilarityFct { get; }

    /// <summary>The independent trainable copy that embeds the first column (<c>model1</c>); thrown away after training.</summary>
    public ISentenceEncoder? CopyModel { get; private set; }

    partial void OnCreated()
    {
        CopyModel = ContrastiveTensionModels.CopyOf(Model, nameof(ContrastiveTensionLossInBatchNegatives));
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
        TorchSharp.torch.Tensor[] embeddings = ContrastiveTensionModels.Embed(CopyModel!, model, batch, nameof(ContrastiveTensionLossInBatchNegatives));
        return ComputeFromEmbeddings(new EmbeddingBatch(embeddings, batch.Labels?.to(model.Device))).MoveToOuterDisposeScope();
    }
}
