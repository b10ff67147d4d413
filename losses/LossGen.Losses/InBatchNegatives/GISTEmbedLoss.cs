using System.Collections.Generic;
using LossGen.Kernels;
using static TorchSharp.torch;

namespace LossGen.Losses;

/// <summary>
/// GISTEmbedLoss: in-batch negatives where a frozen guide model masks false negatives, the candidates the guide finds
/// at least as similar to the anchor as its positive. Takes (anchor, positive) pairs or triplets.
/// </summary>
[Loss]
[RecommendsSampler(typeof(NoDuplicatesBatchSampler<>))]
[RequiresInput(InputKind.AnchorPositiveNegatives)]
[Guided]
[Citation(Citations.GistEmbed)]
public sealed partial class GISTEmbedLoss
{
    /// <summary>The softmax temperature (<c>temperature</c>).</summary>
    [Temperature(0.01)]
    public partial float Temperature { get; }

    /// <summary>How the guide's threshold is relaxed (<c>margin_strategy</c>).</summary>
    [HyperParameter(MarginStrategy.Absolute)]
    public partial MarginStrategy MarginStrategy { get; }

    /// <summary>The relaxation of the guide's threshold (<c>margin</c>).</summary>
    [Margin(0)]
    public partial float Margin { get; }

    /// <summary>Also contrast each anchor against the other anchors (<c>contrast_anchors</c>).</summary>
    [HyperParameter(true)]
    public partial bool ContrastAnchors { get; }

    /// <summary>Also contrast each positive against the other positives (<c>contrast_positives</c>).</summary>
    [HyperParameter(true)]
    public partial bool ContrastPositives { get; }

    [LossMath]
    private Tensor Compute(IReadOnlyList<Tensor> columns, IReadOnlyList<Tensor> guideColumns)
    {
        if (columns.Count > 3)
        {
            throw new LossInputException($"{nameof(GISTEmbedLoss)} expects 2 or 3 text columns; got {columns.Count}. CachedGISTEmbedLoss takes any number of negatives.");
        }

        return GuidedInBatchNegatives.CrossEntropy(columns, guideColumns, new(Temperature, MarginStrategy, Margin, ContrastAnchors, ContrastPositives));
    }
}
