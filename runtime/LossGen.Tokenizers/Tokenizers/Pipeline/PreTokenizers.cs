using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Serialization;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>A piece of pre-tokenized text, and whether it starts the text (Metaspace's <c>prepend_scheme: first</c>).</summary>
internal readonly record struct PreToken(string Text, bool AtStart);

/// <summary>
/// The <c>pre_tokenizer</c> of a <c>tokenizer.json</c>: ByteLevel, Split, Metaspace, Whitespace, WhitespaceSplit,
/// Digits, Punctuation and Sequence, each refining the pieces of the one before. Any other is refused by its type.
/// </summary>
internal static class PreTokenizers
{
    // GPT-2's pattern, which ByteLevel with use_regex applies.
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>The pre-tokenizer <paramref name="json"/> describes (<c>null</c>: the whole text is one piece).</summary>
    /// <exception cref="ModelFormatException">A pre-tokenizer or field LossGen does not reproduce, by name.</exception>
    public static Func<PreToken, IEnumerable<PreToken>> Read(JsonObject? json, string path)
    {
        if (json is null)
        {
            return piece => [piece];
        }

        string type = PipelineJson.Type(json, "pre_tokenizer", path);
        switch (type)
        {
            case "ByteLevel":
                return ByteLevel(json, path);
            case "Split":
                return Split(json, path);
            case "Metaspace":
                return Metaspace(json, path);
            case "Whitespace":
                var words = new CodePointRegex(@"\w+|[^\w\s]+");
                return piece => Keep(piece, DelimiterSplit.Split(piece.Text, words.Matches(piece.Text), SplitDelimiterBehavior.Removed, invert: true));
            case "WhitespaceSplit":
                return piece => Keep(piece, piece.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            case "Digits":
                var digits = new CodePointRegex(JsonFiles.Bool(json, "individual_digits", path, false) ? @"\p{Nd}" : @"\p{Nd}+");
                return piece => Keep(piece, DelimiterSplit.Split(piece.Text, digits.Matches(piece.Text), SplitDelimiterBehavior.Isolated));
            case "Punctuation":
                var punctuation = new CodePointRegex(@"\p{P}|[\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]");
                SplitDelimiterBehavior behavior = Behavior(json, path, "Isolated");
                return piece => Keep(piece, DelimiterSplit.Split(piece.Text, punctuation.Matches(piece.Text), behavior));
            case "Sequence":
                var steps = (json["pretokenizers"] as JsonArray ?? throw PipelineJson.Missing(path, "pre_tokenizer Sequence", "pretokenizers"))
                    .Select(step => Read(step as JsonObject ?? throw PipelineJson.Missing(path, "pre_tokenizer Sequence", "a step object"), path)).ToArray();
                return piece => steps.Aggregate((IEnumerable<PreToken>)[piece], (pieces, step) => pieces.SelectMany(step).ToList());
            default:
                throw PipelineJson.Unsupported(path, "pre_tokenizer", type, "ByteLevel, Split, Metaspace, Whitespace, WhitespaceSplit, Digits, Punctuation, Sequence");
        }
    }

    // Only the first piece of a piece that started the text still starts it.
    private static IEnumerable<PreToken> Keep(PreToken piece, IEnumerable<string> parts) =>
        parts.Select((text, index) => new PreToken(text, piece.AtStart && index == 0));

    private static Func<PreToken, IEnumerable<PreToken>> ByteLevel(JsonObject json, string path)
    {
        bool prefixSpace = JsonFiles.Bool(json, "add_prefix_space", path, true);
        CodePointRegex? regex = JsonFiles.Bool(json, "use_regex", path, true) ? new CodePointRegex(Gpt2Pattern) : null;
        return piece =>
        {
            string text = prefixSpace && !piece.Text.StartsWith(' ') ? " " + piece.Text : piece.Text;
            IEnumerable<string> parts = regex is null ? [text] : DelimiterSplit.Split(text, regex.Matches(text), SplitDelimiterBehavior.Isolated);
            return Keep(piece, parts.Select(ByteLevelAlphabet.Encode));
        };
    }

    private static Func<PreToken, IEnumerable<PreToken>> Split(JsonObject json, string path)
    {
        SplitDelimiterBehavior behavior = Behavior(json, path, null);
        bool invert = JsonFiles.Bool(json, "invert", path, false);
        CodePointRegex regex = json["pattern"] switch
        {
            JsonObject pattern when pattern["String"] is JsonValue literal => new CodePointRegex(System.Text.RegularExpressions.Regex.Escape(literal.GetValue<string>())),
            JsonObject pattern when pattern["Regex"] is JsonValue expression => new CodePointRegex(expression.GetValue<string>()),
            _ => throw PipelineJson.Missing(path, "pre_tokenizer Split", "pattern (String or Regex)"),
        };
        return piece => Keep(piece, DelimiterSplit.Split(piece.Text, regex.Matches(piece.Text), behavior, invert));
    }

    private static Func<PreToken, IEnumerable<PreToken>> Metaspace(JsonObject json, string path)
    {
        string replacement = JsonFiles.String(json, "replacement", path) ?? "\u2581";
        if (replacement.Length != 1)
        {
            throw PipelineJson.UnsupportedValue(path, "pre_tokenizer Metaspace", "replacement", replacement);
        }

        // Older files spell prepend_scheme as add_prefix_space.
        string scheme = JsonFiles.String(json, "prepend_scheme", path) ?? (JsonFiles.Bool(json, "add_prefix_space", path, true) ? "always" : "never");
        if (scheme is not ("always" or "first" or "never"))
        {
            throw PipelineJson.UnsupportedValue(path, "pre_tokenizer Metaspace", "prepend_scheme", scheme);
        }

        bool split = JsonFiles.Bool(json, "split", path, true);
        var delimiter = new CodePointRegex(System.Text.RegularExpressions.Regex.Escape(replacement));
        return piece =>
        {
            string text = piece.Text.Replace(' ', replacement[0]);
            bool prepend = scheme == "always" || (scheme == "first" && piece.AtStart);
            if (prepend && !text.StartsWith(replacement, StringComparison.Ordinal))
            {
                text = replacement + text;
            }

            return split ? Keep(piece, DelimiterSplit.Split(text, delimiter.Matches(text), SplitDelimiterBehavior.MergedWithNext)) : [piece with { Text = text }];
        };
    }

    private static SplitDelimiterBehavior Behavior(JsonObject json, string path, string? fallback)
    {
        string name = JsonFiles.String(json, "behavior", path) ?? fallback ?? throw PipelineJson.Missing(path, "pre_tokenizer", "behavior");
        return Enum.TryParse(name, ignoreCase: false, out SplitDelimiterBehavior behavior) && Enum.IsDefined(behavior)
            ? behavior
            : throw PipelineJson.UnsupportedValue(path, "pre_tokenizer", "behavior", name);
    }
}
