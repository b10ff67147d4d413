using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LossGen.Serialization;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// The <c>normalizer</c> of a <c>tokenizer.json</c> as a function of the text: NFC, NFD, NFKC, NFKD, Lowercase,
/// Strip, StripAccents, Replace, Prepend, Precompiled and Sequence. Any other is refused by its type.
/// </summary>
internal static class Normalizers
{
    /// <summary>The normalizer <paramref name="json"/> describes (<c>null</c>: none).</summary>
    /// <exception cref="ModelFormatException">A normalizer or field LossGen does not reproduce, by name.</exception>
    public static Func<string, string> Read(JsonObject? json, string path)
    {
        if (json is null)
        {
            return text => text;
        }

        string type = PipelineJson.Type(json, "normalizer", path);
        switch (type)
        {
            case "NFC":
                return text => text.Normalize(NormalizationForm.FormC);
            case "NFD":
                return text => text.Normalize(NormalizationForm.FormD);
            case "NFKC":
                return text => text.Normalize(NormalizationForm.FormKC);
            case "NFKD":
                return text => text.Normalize(NormalizationForm.FormKD);
            case "Lowercase":
                return PythonText.Lower;
            case "StripAccents":
                // Removes combining marks; the tokenizers library pairs it with NFD, which leaves them separate.
                return text => string.Concat(text.EnumerateRunes().Where(r => Rune.GetUnicodeCategory(r) != System.Globalization.UnicodeCategory.NonSpacingMark).Select(r => r.ToString()));
            case "Strip":
                bool left = JsonFiles.Bool(json, "strip_left", path, true), right = JsonFiles.Bool(json, "strip_right", path, true);
                return text => left && right ? text.Trim() : left ? text.TrimStart() : right ? text.TrimEnd() : text;
            case "Prepend":
                string prefix = JsonFiles.String(json, "prepend", path) ?? throw PipelineJson.Missing(path, "normalizer Prepend", "prepend");
                return text => text.Length == 0 ? text : prefix + text;
            case "Replace":
                return Replace(json, path);
            case "Precompiled":
                return Precompiled(json, path);
            case "Sequence":
                var steps = (json["normalizers"] as JsonArray ?? throw PipelineJson.Missing(path, "normalizer Sequence", "normalizers"))
                    .Select(step => Read(step as JsonObject, path)).ToArray();
                return text => steps.Aggregate(text, (current, step) => step(current));
            default:
                throw PipelineJson.Unsupported(path, "normalizer", type, "NFC, NFD, NFKC, NFKD, Lowercase, Strip, StripAccents, Replace, Prepend, Precompiled, Sequence");
        }
    }

    private static Func<string, string> Replace(JsonObject json, string path)
    {
        string content = JsonFiles.String(json, "content", path) ?? throw PipelineJson.Missing(path, "normalizer Replace", "content");
        (string? literal, Regex? regex) = PipelineJson.Pattern(json, "normalizer Replace", path);
        return literal is not null
            ? text => text.Replace(literal, content, StringComparison.Ordinal)
            : text => regex!.Replace(text, content.Replace("$", "$$", StringComparison.Ordinal));
    }

    private static Func<string, string> Precompiled(JsonObject json, string path)
    {
        // An empty charsmap (some converted models) normalizes nothing.
        string? encoded = JsonFiles.String(json, "precompiled_charsmap", path);
        if (string.IsNullOrEmpty(encoded))
        {
            return text => text;
        }

        try
        {
            return PrecompiledCharsMap.Read(Convert.FromBase64String(encoded)).Normalize;
        }
        catch (FormatException e)
        {
            throw new ModelFormatException(path, $"normalizer Precompiled has an unreadable precompiled_charsmap: {e.Message}", e);
        }
    }
}
