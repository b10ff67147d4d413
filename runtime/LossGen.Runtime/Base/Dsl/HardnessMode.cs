namespace LossGen;

/// <summary>
/// Which query→document negatives MultipleNegativesRankingLoss makes heavier in the partition function
/// (<c>hardness_mode</c>, Lan et al. 2025): their logit gains <c>hardness_strength · sim</c>, detached.
/// </summary>
public enum HardnessMode
{
    /// <summary>The other rows' positives and hard negatives.</summary>
    [PythonName("in_batch_negatives")]
    InBatchNegatives,

    /// <summary>The query's own hard negatives (none for pairs).</summary>
    [PythonName("hard_negatives")]
    HardNegatives,

    /// <summary>Every document but the query's own positive.</summary>
    [PythonName("all_negatives")]
    AllNegatives,
}
