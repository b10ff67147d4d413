namespace LossGen.Training;

/// <summary>How the batches of several training datasets are interleaved (sentence-transformers' <c>MultiDatasetBatchSamplers</c>).</summary>
public enum MultiDatasetBatchSamplers
{
    /// <summary>
    /// Every batch of every dataset, in a random order drawn with seed + epoch: larger datasets are sampled from more
    /// often (<c>PROPORTIONAL</c>, sentence-transformers' default).
    /// </summary>
    Proportional,

    /// <summary>One batch of each dataset in turn, until the one with the fewest batches is used up (<c>ROUND_ROBIN</c>).</summary>
    RoundRobin,
}
