namespace LossGen.Training;

/// <summary>How the trainer forms batches from a dataset (sentence-transformers' <c>BatchSamplers</c>).</summary>
public enum BatchSamplers
{
    /// <summary><c>BATCH_SAMPLER</c>: the rows in a random permutation (<c>torch.randperm</c> seeded with seed + epoch), cut into batches.</summary>
    BatchSampler,

    /// <summary>
    /// <c>NO_DUPLICATES</c>: no text twice in a batch, for in-batch negative losses (<see cref="NoDuplicatesBatchSampler{TExample}"/>).
    /// Its order is drawn with 0 + epoch, not the run's seed: sentence-transformers' trainer builds this sampler without
    /// its seed, and LossGen's trainer does the same so that the batches are the reference's.
    /// </summary>
    NoDuplicates,

    /// <summary>
    /// <c>GROUP_BY_LABEL</c>: several examples of each label per batch, for batch triplet losses (<see cref="GroupByLabelBatchSampler{TExample}"/>).
    /// Like <see cref="NoDuplicates"/>, its order is drawn with 0 + epoch, as in sentence-transformers' trainer.
    /// </summary>
    GroupByLabel,
}
