using System;
using System.Collections.Generic;

namespace LossGen.Training;

/// <summary>
/// How GradCache splits a column of a batch into mini-batches, as sentence-transformers v5.7+ does: by a row count
/// (<c>mini_batch_size</c>), or greedily, in order, by a budget of non-padding tokens (<c>mini_batch_num_tokens</c>) so
/// that memory stays flat when texts are long. A text longer than the budget is a mini-batch of its own.
/// </summary>
public static class MiniBatchRanges
{
    /// <summary>The <c>(start, count)</c> row ranges of a column of <paramref name="tokenCounts"/>.Count rows.</summary>
    /// <param name="tokenCounts">The non-padding tokens of each row (only read with a token budget).</param>
    /// <param name="miniBatchSize">Rows per mini-batch, when there is no token budget.</param>
    /// <param name="miniBatchNumTokens">The token budget, or <c>null</c> to split by rows.</param>
    public static IReadOnlyList<(int Start, int Count)> Of(IReadOnlyList<int> tokenCounts, int miniBatchSize, int? miniBatchNumTokens)
    {
        ArgumentNullException.ThrowIfNull(tokenCounts);
        ArgumentOutOfRangeException.ThrowIfLessThan(miniBatchSize, 1);
        var ranges = new List<(int Start, int Count)>();
        int rows = tokenCounts.Count;
        if (miniBatchNumTokens is not int budget)
        {
            for (int start = 0; start < rows; start += miniBatchSize)
            {
                ranges.Add((start, Math.Min(miniBatchSize, rows - start)));
            }

            return ranges;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1, nameof(miniBatchNumTokens));
        for (int start = 0; start < rows;)
        {
            int end = start;
            long tokens = 0;
            while (end < rows && tokens + tokenCounts[end] <= budget)
            {
                tokens += tokenCounts[end++];
            }

            // Always make progress, even when one text alone exceeds the budget.
            end = Math.Max(end, start + 1);
            ranges.Add((start, end - start));
            start = end;
        }

        return ranges;
    }
}
