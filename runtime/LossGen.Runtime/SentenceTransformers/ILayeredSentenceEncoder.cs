using System.Collections.Generic;
using LossGen.SentenceTransformers.Losses;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers;

/// <summary>
/// An encoder that can pool the output of each of its layers, as AdaptiveLayerLoss and Matryoshka2dLoss need: layer
/// <c>k</c>'s hidden states go through the same pooling and normalisation as the last layer's.
/// </summary>
public interface ILayeredSentenceEncoder : ISentenceEncoder
{
    /// <summary>The number of transformer layers.</summary>
    int LayerCount { get; }

    /// <summary>The sentence embeddings of <paramref name="texts"/> after each layer: element <c>k</c> is layer <c>k + 1</c>.</summary>
    IReadOnlyList<Tensor> EncodeLayers(IReadOnlyList<string> texts);
}
