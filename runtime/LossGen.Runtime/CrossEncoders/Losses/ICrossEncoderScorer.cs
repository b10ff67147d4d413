using System.Collections.Generic;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Losses;

/// <summary>What a cross-encoder loss needs of a model: the logits of (query, document) pairs, with gradients when training.</summary>
public interface ICrossEncoderScorer
{
    /// <summary>The logits per pair (<c>num_labels</c>).</summary>
    int NumLabels { get; }

    /// <summary>The device the logits are on.</summary>
    Device Device { get; }

    /// <summary>The logits of <paramref name="pairs"/>, n×<see cref="NumLabels"/>, in order.</summary>
    Tensor Score(IReadOnlyList<(string Query, string Document)> pairs);
}
