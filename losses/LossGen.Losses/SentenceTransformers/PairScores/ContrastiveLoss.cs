namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// ContrastiveLoss (Hadsell et al.): pulls similar pairs (label 1) together and pushes dissimilar pairs (label 0) at
/// least <c>margin</c> apart, <c>½[y·d² + (1 − y)·relu(margin − d)²]</c>.
/// </summary>
[Loss]
[RequiresInput(InputKind.BinaryLabeledPair)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.Contrastive)]
[Citation("""
@inproceedings{hadsell2006dimensionality,
    author={Hadsell, R. and Chopra, S. and LeCun, Y.},
    booktitle={2006 IEEE Computer Society Conference on Computer Vision and Pattern Recognition (CVPR'06)},
    title={Dimensionality Reduction by Learning an Invariant Mapping},
    year={2006},
    volume={2},
    number={},
    pages={1735-1742},
    doi={10.1109/CVPR.2006.100}
}
""")]
public sealed partial class ContrastiveLoss
{
    /// <summary>The distance between the two embeddings of a pair (<c>distance_metric</c>).</summary>
    [Distance(SiameseDistanceMetric.CosineDistance)]
    public partial SiameseDistanceMetric DistanceMetric { get; }

    /// <summary>The distance beyond which dissimilar pairs cost nothing (<c>margin</c>).</summary>
    [Margin(0.5)]
    public partial float Margin { get; }

    /// <summary>Average over the batch (<c>true</c>) or sum (<c>size_average</c>).</summary>
    [HyperParameter(true)]
    public partial bool SizeAverage { get; }
}
