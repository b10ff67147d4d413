using System;

namespace LossGen;

/// <summary>
/// Fixes an in-batch-negatives loss's direction blocks and partition mode at compile time, as a named loss that is
/// MultipleNegativesRankingLoss with set <c>directions</c> (MultipleNegativesSymmetricRankingLoss is
/// <c>[Directions(QueryToDoc | DocToQuery, PartitionMode.PerDirection)]</c>, as sentence-transformers v6 defines it).
/// The generator emits only the fixed blocks; the values appear in <c>get_config_dict()</c>.
/// </summary>
/// <param name="directions">The blocks of each query's partition function; must hold <see cref="InBatchDirections.QueryToDoc"/>.</param>
/// <param name="partitionMode">One softmax over all blocks, or one per block.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DirectionsAttribute(InBatchDirections directions, PartitionMode partitionMode = PartitionMode.Joint) : Attribute
{
    /// <summary>The blocks of each query's partition function.</summary>
    public InBatchDirections Directions { get; } = directions;

    /// <summary>How the blocks are normalised.</summary>
    public PartitionMode PartitionMode { get; } = partitionMode;
}
