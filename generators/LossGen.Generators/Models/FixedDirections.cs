using LossGen.Generators.Helpers;

namespace LossGen.Generators.Models;

/// <summary>A class-level <c>[Directions]</c>: the <c>InBatchDirections</c> member names it sets, its <c>PartitionMode</c> member name, and the raw flags.</summary>
internal sealed record FixedDirections(EquatableArray<string> Directions, string PartitionMode, int RawFlags)
{
    public InBatchDirections Flags => (InBatchDirections)RawFlags;

    public PartitionMode Mode => PartitionMode == nameof(global::LossGen.PartitionMode.PerDirection) ? global::LossGen.PartitionMode.PerDirection : global::LossGen.PartitionMode.Joint;

    /// <summary>Whether the fixed set holds the <c>InBatchDirections</c> member <paramref name="direction"/>.</summary>
    public bool Has(string direction) => System.Linq.Enumerable.Contains(Directions, direction);
}
