namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// GISTEmbedLoss: in-batch negatives where a frozen guide model masks false negatives, the candidates the guide finds
/// at least as similar to the anchor as its positive. Takes (anchor, positive) pairs or triplets.
/// </summary>
[Loss]
[RecommendsSampler(typeof(NoDuplicatesBatchSampler<>))]
[RequiresInput(InputKind.AnchorPositiveNegatives, MaxColumns = 3)]
[Pairing(Pairing.GuidedInBatchNegatives)]
[Objective(Objective.CrossEntropy)]
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

    /// <summary>
    /// In a data-parallel run, score this process's anchors against every process's positives and negatives
    /// (<c>gather_across_devices</c>); the anchor–anchor block stays this process's, as the reference does.
    /// </summary>
    [HyperParameter(false)]
    public partial bool GatherAcrossDevices { get; }
}
