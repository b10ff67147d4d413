using System.Text;

namespace LossGen.Tokenizers;

/// <summary>Python's <c>str.strip()</c> and <c>str.lower()</c>, which sentence-transformers and transformers apply to texts.</summary>
public static class PythonText
{
    /// <summary><c>str.strip()</c>: removes the characters Python calls whitespace (.NET's, plus U+001C–U+001F) at both ends.</summary>
    public static string Strip(string text)
    {
        System.ArgumentNullException.ThrowIfNull(text);
        int start = 0, end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>
    /// <c>str.lower()</c>: Unicode's full lower-case mapping, which (unlike .NET's invariant one) turns İ into "i̇"
    /// (i and a combining dot above).
    /// </summary>
    public static string Lower(string text)
    {
        System.ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('\u0130'))
        {
            return text.ToLowerInvariant();
        }

        var builder = new StringBuilder(text.Length + 4);
        foreach (char c in text)
        {
            builder.Append(c == '\u0130' ? "i\u0307" : char.ToLowerInvariant(c).ToString());
        }

        return builder.ToString();
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';
}
