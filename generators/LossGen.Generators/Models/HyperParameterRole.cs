namespace LossGen.Generators.Models;

/// <summary>The role attribute on a hyper-parameter property.</summary>
internal enum HyperParameterRole
{
    Plain,
    Margin,
    Scale,
    Temperature,
    MiniBatchSize,
    Similarity,
    Distance,
}
