using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// A regular expression matched as the <c>tokenizers</c> library (Oniguruma) matches it, on code points: .NET's regex
/// sees UTF-16 units, so a letter or digit outside the BMP (a surrogate pair) would not be <c>\p{L}</c> / <c>\p{N}</c>.
/// Each such code point is matched as a BMP stand-in of its class and the match positions mapped back.
/// </summary>
internal sealed class CodePointRegex
{
    // Stand-ins chosen to take part in no literal of the patterns tokenizers ship (contractions, spaces, newlines).
    private const char LetterStandIn = '\u4E00';
    private const char NumberStandIn = '\u0660';
    private const char OtherStandIn = '\u00A7';

    private readonly Regex _regex;

    public CodePointRegex(string pattern) => _regex = new Regex(pattern, RegexOptions.CultureInvariant);

    /// <summary>The (start, length) in <paramref name="text"/> of every non-empty match, in order.</summary>
    public IEnumerable<(int Start, int Length)> Matches(string text)
    {
        if (!HasSurrogates(text))
        {
            foreach (Match match in _regex.Matches(text))
            {
                if (match.Length > 0)
                {
                    yield return (match.Index, match.Length);
                }
            }

            yield break;
        }

        // offsets[k] = the UTF-16 offset in text of the k-th code point; the stand-in string has one unit per code point.
        var standIn = new StringBuilder(text.Length);
        var offsets = new List<int>(text.Length + 1);
        for (int i = 0; i < text.Length;)
        {
            Rune rune = Rune.GetRuneAt(text, i);
            offsets.Add(i);
            standIn.Append(rune.IsBmp ? (char)rune.Value : Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => LetterStandIn,
                UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => NumberStandIn,
                _ => OtherStandIn,
            });
            i += rune.Utf16SequenceLength;
        }

        offsets.Add(text.Length);
        foreach (Match match in _regex.Matches(standIn.ToString()))
        {
            if (match.Length > 0)
            {
                int start = offsets[match.Index];
                yield return (start, offsets[match.Index + match.Length] - start);
            }
        }
    }

    private static bool HasSurrogates(string text)
    {
        foreach (char c in text)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
