namespace LossGen.Generators;

/// <summary>Names of the tracked pipeline steps, asserted by the incremental tests.</summary>
internal static class TrackingNames
{
    public const string Transform = nameof(Transform);
    public const string Output = nameof(Output);
    public const string StandIn = nameof(StandIn);
}
