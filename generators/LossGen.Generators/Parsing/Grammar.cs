using LossGen.Generators.Models;

namespace LossGen.Generators.Parsing;

/// <summary>Which pairing/objective combinations the emitter can lower, and what each needs.</summary>
internal static class Grammar
{
    public static bool IsSupported(string pairing, string objective) => (pairing, objective) switch
    {
        ("InBatchNegatives" or "SymmetricInBatchNegatives", "CrossEntropy") => true,
        ("Pairwise", "CoSent" or "Regression" or "KlDivergence" or "BinaryCrossEntropy") => true,
        ("Triplet" or "BatchAll" or "BatchHard" or "BatchSemiHard", "Hinge") => true,
        ("BatchHard", "SoftMargin") => true,
        ("Target", "SquaredError") => true,
        _ => false,
    };

    /// <summary>The role the objective reads, if any.</summary>
    public static HyperParameterRole? RoleOfObjective(string objective) => objective switch
    {
        "Hinge" => HyperParameterRole.Margin,
        "CrossEntropy" or "CoSent" => HyperParameterRole.Scale,
        "KlDivergence" => HyperParameterRole.Temperature,
        _ => null,
    };

    /// <summary>Whether the pairing compares with a distance (otherwise with a similarity, or neither for Target).</summary>
    public static bool UsesDistance(string pairing) => pairing is "Triplet" or "BatchAll" or "BatchHard" or "BatchSemiHard";

    public static bool UsesSimilarity(string pairing) => pairing is "Pairwise" or "InBatchNegatives" or "SymmetricInBatchNegatives";
}
