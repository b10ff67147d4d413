using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// A sentence-embedding model as a loss sees it: texts in, one embedding row per text out, on <see cref="Device"/>.
/// Any TorchSharp module can be adapted; the BERT encoder of LossGen implements it.
/// </summary>
public interface ISentenceEncoder
{
    /// <summary>The device the model's parameters live on; batches are moved there.</summary>
    Device Device { get; }

    /// <summary>The size of the embeddings, or <c>null</c> when unknown.</summary>
    int? EmbeddingDimension { get; }

    /// <summary>The trainable parameters (the trainer hands them to the optimizer).</summary>
    IEnumerable<TorchSharp.Modules.Parameter> Parameters();

    /// <summary>Embeds a column of texts as a <c>B×D</c> tensor (with a graph when gradients are enabled).</summary>
    Tensor Encode(IReadOnlyList<string> texts);

    /// <summary>Switches dropout and similar layers between training and inference behaviour.</summary>
    void SetTraining(bool training);
}
