using LossGen.Generators.Helpers;

namespace LossGen.Generators.Models;

/// <summary>A class-level <c>[Directions]</c>: the <c>InBatchDirections</c> member names it sets and its <c>PartitionMode</c> member name.</summary>
internal sealed record FixedDirections(EquatableArray<string> Directions, string PartitionMode)
{
    /// <summary>Whether the fixed set holds the <c>InBatchDirections</c> member <paramref name="direction"/>.</summary>
    public bool Has(string direction) => System.Linq.Enumerable.Contains(Directions, direction);
}
