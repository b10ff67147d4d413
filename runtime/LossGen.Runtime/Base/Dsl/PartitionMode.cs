namespace LossGen;

/// <summary>How MultipleNegativesRankingLoss normalises over its direction blocks (<c>partition_mode</c>).</summary>
public enum PartitionMode
{
    /// <summary>One softmax over every block's scores together.</summary>
    [PythonName("joint")]
    Joint,

    /// <summary>A softmax per block, the log-partitions averaged; every block must hold the positive.</summary>
    [PythonName("per_direction")]
    PerDirection,
}
