namespace LossGen;

/// <summary>How MultipleNegativesRankingLoss normalises over its direction blocks (<c>partition_mode</c>).</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum PartitionMode
{
    /// <summary>One softmax over every block's scores together.</summary>
    Joint,

    /// <summary>A softmax per block, the log-partitions averaged; every block must hold the positive.</summary>
    PerDirection,
}
