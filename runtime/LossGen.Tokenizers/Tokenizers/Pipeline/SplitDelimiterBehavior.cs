using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// What a split does with the delimiters it finds: the <c>tokenizers</c> library's <c>SplitDelimiterBehavior</c>
/// (<c>behavior</c> of the Split and Punctuation pre-tokenizers).
/// </summary>
internal enum SplitDelimiterBehavior
{
    /// <summary>Delimiters are dropped.</summary>
    Removed,

    /// <summary>Each delimiter is a piece of its own.</summary>
    Isolated,

    /// <summary>A delimiter joins the piece before it.</summary>
    MergedWithPrevious,

    /// <summary>A delimiter joins the piece after it.</summary>
    MergedWithNext,

    /// <summary>Adjacent delimiters form one piece.</summary>
    Contiguous,
}

/// <summary>Splits a text at delimiter matches as the <c>tokenizers</c> library's <c>NormalizedString::split</c> does.</summary>
internal static class DelimiterSplit
{
    /// <summary>The pieces of <paramref name="text"/> around <paramref name="matches"/>, empty pieces dropped.</summary>
    public static IEnumerable<string> Split(string text, IEnumerable<(int Start, int Length)> matches, SplitDelimiterBehavior behavior, bool invert = false)
    {
        // Every stretch of the text, in order, marked as delimiter or not.
        var spans = new List<(int Start, int End, bool Delimiter)>();
        int previous = 0;
        foreach ((int start, int length) in matches)
        {
            if (start > previous)
            {
                spans.Add((previous, start, invert));
            }

            spans.Add((start, start + length, !invert));
            previous = start + length;
        }

        if (previous < text.Length)
        {
            spans.Add((previous, text.Length, invert));
        }

        var pieces = new List<(int Start, int End, bool Delimiter)>();
        switch (behavior)
        {
            case SplitDelimiterBehavior.Removed:
                pieces.AddRange(spans.Where(s => !s.Delimiter));
                break;
            case SplitDelimiterBehavior.Isolated:
                pieces.AddRange(spans);
                break;
            case SplitDelimiterBehavior.MergedWithPrevious:
                Merge(spans, pieces, backwards: false);
                break;
            case SplitDelimiterBehavior.MergedWithNext:
                spans.Reverse();
                Merge(spans, pieces, backwards: true);
                pieces.Reverse();
                break;
            case SplitDelimiterBehavior.Contiguous:
                foreach (var span in spans)
                {
                    if (pieces.Count > 0 && pieces[^1].Delimiter == span.Delimiter)
                    {
                        pieces[^1] = (pieces[^1].Start, span.End, span.Delimiter);
                    }
                    else
                    {
                        pieces.Add(span);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(behavior), behavior, null);
        }

        return pieces.Where(p => p.End > p.Start).Select(p => text[p.Start..p.End]);
    }

    // A delimiter that follows a non-delimiter extends the last piece (towards it); a delimiter after a delimiter stands alone.
    private static void Merge(List<(int Start, int End, bool Delimiter)> spans, List<(int Start, int End, bool Delimiter)> pieces, bool backwards)
    {
        bool previousDelimiter = false;
        foreach (var span in spans)
        {
            if (span.Delimiter && !previousDelimiter && pieces.Count > 0)
            {
                pieces[^1] = backwards ? (span.Start, pieces[^1].End, true) : (pieces[^1].Start, span.End, true);
            }
            else
            {
                pieces.Add(span);
            }

            previousDelimiter = span.Delimiter;
        }
    }
}
