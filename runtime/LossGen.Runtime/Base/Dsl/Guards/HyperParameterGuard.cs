using System;
using System.ComponentModel;
using System.Linq;

namespace LossGen;

/// <summary>Range checks of hyper-parameters called by generated constructors; messages name the loss and the parameter.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HyperParameterGuard
{
    /// <summary>A value in <paramref name="range"/>, the range of the hyper-parameter's role.</summary>
    public static double InRange(string loss, string parameter, double value, ValueRange range) =>
        range.Admits(value) ? value : throw Fail(loss, parameter, value, $"a finite value {range.Bound()}");

    /// <summary>An integer in <paramref name="range"/>, the range of the hyper-parameter's role.</summary>
    public static int InRange(string loss, string parameter, int value, ValueRange range) =>
        range.Admits(value) ? value : throw Fail(loss, parameter, value, $"an integer {range.Bound()}");

    /// <summary>A value ≥ <paramref name="minimum"/>.</summary>
    public static double AtLeast(string loss, string parameter, double value, double minimum) =>
        value >= minimum ? value : throw Fail(loss, parameter, value, $"a value >= {minimum}");

    /// <summary>A value ≥ <paramref name="minimum"/>, or <c>null</c> (Python's <c>None</c>).</summary>
    public static double? AtLeast(string loss, string parameter, double? value, double minimum) =>
        value is double number ? AtLeast(loss, parameter, number, minimum) : null;

    /// <summary>A defined member of an enum, or for a set of flags a non-empty set of defined members.</summary>
    public static T Defined<T>(string loss, string parameter, T value)
        where T : struct, Enum =>
        IsDefined(value) ? value : throw Fail(loss, parameter, value, $"one of {string.Join(", ", Enum.GetValues<T>().Select(v => $"{typeof(T).Name}.{v} ('{PythonNames.Of(v)}')"))}");

    /// <summary>
    /// MultipleNegativesRankingLoss's directions and partition mode together, refused as sentence-transformers refuses
    /// them: <c>query_to_doc</c> holds the positive, and a per-direction softmax needs the positive in every block.
    /// </summary>
    public static InBatchDirections Directions(string loss, InBatchDirections directions, PartitionMode partitionMode) =>
        InBatchDirectionRules.Refusal(directions, partitionMode) is string refusal
            ? throw new ArgumentException($"{loss}: {refusal} (directions = ({string.Join(", ", (string[])PythonNames.ConfigValue(directions)!)}), partition_mode = '{partitionMode.ToPythonName()}').", "directions")
            : directions;

    /// <summary>A defined member of an enum, or <c>null</c> (Python's <c>None</c>).</summary>
    public static T? Defined<T>(string loss, string parameter, T? value)
        where T : struct, Enum =>
        value is T member ? Defined(loss, parameter, member) : null;

    /// <summary>A defined similarity function of the shape the loss's grammar rule compares with (N×M or row-wise).</summary>
    public static SimilarityFunction Shaped(string loss, string parameter, SimilarityFunction value, EmbeddingComparison comparison) =>
        Defined(loss, parameter, value).Fits(comparison)
            ? value
            : throw Fail(loss, parameter, value.ToPythonName(), comparison == EmbeddingComparison.SimilarityMatrix
                ? "an N×M similarity (cos_sim, dot_score, manhattan_sim, euclidean_sim or cosine_similarity)"
                : "a row-wise similarity (pairwise_cos_sim, pairwise_dot_score, pairwise_angle_sim, cosine_similarity, pairwise_manhattan_sim or pairwise_euclidean_sim)");

    /// <summary>A non-null reference.</summary>
    public static T NotNull<T>(string loss, string parameter, T? value)
        where T : class =>
        value ?? throw new ArgumentNullException(parameter, $"{loss}: {parameter} must not be null.");

    private static bool IsDefined<T>(T value)
        where T : struct, Enum
    {
        if (!typeof(T).IsDefined(typeof(FlagsAttribute), false))
        {
            return Enum.IsDefined(value);
        }

        long bits = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), known = 0;
        foreach (T member in Enum.GetValues<T>())
        {
            known |= Convert.ToInt64(member, System.Globalization.CultureInfo.InvariantCulture);
        }

        return bits != 0 && (bits & ~known) == 0;
    }

    private static ArgumentOutOfRangeException Fail(string loss, string parameter, object value, string expected) =>
        new(parameter, value, $"{loss}: {parameter} must be {expected}; got {value}.");
}
