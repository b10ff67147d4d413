using System;

namespace LossGen;

/// <summary>What each <see cref="HyperParameterRole"/> means: its attribute and the values it admits.</summary>
#if LOSSGEN_RUNTIME
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public
#else
internal
#endif
static class HyperParameterRoles
{
    private static readonly HyperParameterRole[] All = (HyperParameterRole[])Enum.GetValues(typeof(HyperParameterRole));

    /// <summary>The values <paramref name="role"/> admits.</summary>
    public static ValueRange RangeOf(this HyperParameterRole role) => role switch
    {
        HyperParameterRole.Margin => ValueRange.NonNegative,
        HyperParameterRole.Scale or HyperParameterRole.Temperature or HyperParameterRole.MiniBatchSize => ValueRange.Positive,
        _ => ValueRange.Any,
    };

    /// <summary>Whether <paramref name="range"/> admits <paramref name="value"/>.</summary>
    public static bool Admits(this ValueRange range, double value) => range switch
    {
        ValueRange.Positive => !double.IsNaN(value) && !double.IsInfinity(value) && value > 0,
        ValueRange.NonNegative => !double.IsNaN(value) && !double.IsInfinity(value) && value >= 0,
        _ => true,
    };

    /// <summary>The bound, as messages write it: <c>&gt; 0</c>, <c>&gt;= 0</c>, or empty for <see cref="ValueRange.Any"/>.</summary>
    public static string Bound(this ValueRange range) => range switch
    {
        ValueRange.Positive => "> 0",
        ValueRange.NonNegative => ">= 0",
        _ => string.Empty,
    };

    /// <summary>The role attribute's metadata name, such as <c>LossGen.MarginAttribute</c>.</summary>
    public static string AttributeName(this HyperParameterRole role) =>
        "LossGen." + (role == HyperParameterRole.Plain ? "HyperParameter" : role.ToString()) + "Attribute";

    /// <summary>The role whose attribute has <paramref name="metadataName"/>, or <c>null</c> for any other attribute.</summary>
    public static HyperParameterRole? FromAttributeName(string? metadataName)
    {
        foreach (HyperParameterRole role in All)
        {
            if (metadataName == role.AttributeName())
            {
                return role;
            }
        }

        return null;
    }
}
