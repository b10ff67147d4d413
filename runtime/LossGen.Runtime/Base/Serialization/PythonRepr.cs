using System;
using System.Globalization;

namespace LossGen.Serialization;

/// <summary>Python's <c>repr</c> of values, as sentence-transformers' model card prints its arguments and metrics.</summary>
internal static class PythonRepr
{
    /// <summary>Python's repr of a float: 2e-05, 0.1, 1.0.</summary>
    public static string Float(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        int exponent = text.IndexOf('e', StringComparison.Ordinal);
        if (exponent >= 0 && text[exponent + 1] != '-' && text[exponent + 1] != '+')
        {
            text = text.Insert(exponent + 1, "+");
        }

        exponent = text.IndexOf('e', StringComparison.Ordinal);
        if (exponent >= 0 && text.Length - exponent - 2 == 1)
        {
            text = text.Insert(exponent + 2, "0");
        }

        return double.IsFinite(value) && !text.Contains('.', StringComparison.Ordinal) && exponent < 0 ? text + ".0" : text;
    }
}
