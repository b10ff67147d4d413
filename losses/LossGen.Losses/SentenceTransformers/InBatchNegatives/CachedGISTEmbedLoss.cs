namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// CachedGISTEmbedLoss: GISTEmbedLoss computed with GradCache, taking any number of negative columns. Same value and
/// gradients as the uncached loss.
/// </summary>
[Loss]
[RecommendsSampler(typeof(NoDuplicatesBatchSampler<>))]
[RequiresInput(InputKind.AnchorPositiveNegatives)]
[Pairing(Pairing.GuidedInBatchNegatives)]
[Objective(Objective.CrossEntropy)]
[Guided]
[GradientCache(typeof(GISTEmbedLoss))]
public sealed partial class CachedGISTEmbedLoss
{
    /// <summary>The softmax temperature (<c>temperature</c>).</summary>
    [Temperature(0.01)]
    public partial float Temperature { get; }

    /// <summary>Rows embedded and scored at once (<c>mini_batch_size</c>).</summary>
    [MiniBatchSize(32)]
    public partial int MiniBatchSize { get; }

    /// <summary>Mini-batches packed, in order, by a budget of non-padding tokens instead of a row count (<c>mini_batch_num_tokens</c>), so memory stays flat on long texts; <c>null</c> uses <see cref="MiniBatchSize"/>. Memory, not the result, depends on it.</summary>
    [HyperParameter(null, Minimum = 1)]
    public partial int? MiniBatchNumTokens { get; }

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
