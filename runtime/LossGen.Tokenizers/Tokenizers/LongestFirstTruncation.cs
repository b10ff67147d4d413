using System;

namespace LossGen.Tokenizers;

/// <summary>
/// <c>truncation='longest_first'</c> for a pair as Hugging Face's Rust tokenizers apply it (what sentence-transformers
/// v6 runs): the shorter text keeps <c>budget / 2</c> pieces and the longer the rest when both must be cut, the first
/// text counting as the shorter on a tie. transformers' slow Python tokenizers remove one piece at a time instead and
/// differ when the budget is odd and the query is not longer than the document; LossGen follows the fast rule.
/// </summary>
public static class LongestFirstTruncation
{
    /// <summary>
    /// How many pieces of each text to keep so that both fit in <paramref name="budget"/> (the maximum length less the
    /// special tokens), transcribed from <c>tokenizers</c>' <c>truncate_encodings</c>.
    /// </summary>
    public static (int First, int Second) Keep(int first, int second, int budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(second);
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        if (first + second <= budget)
        {
            return (first, second);
        }

        bool swapped = first > second;
        (int shorter, int longer) = swapped ? (second, first) : (first, second);
        longer = shorter > budget ? shorter : Math.Max(shorter, budget - shorter);
        if (shorter + longer > budget)
        {
            shorter = budget / 2;
            longer = shorter + (budget % 2);
        }

        (int keepFirst, int keepSecond) = swapped ? (longer, shorter) : (shorter, longer);
        return (Math.Min(first, keepFirst), Math.Min(second, keepSecond));
    }
}
