using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.CrossEncoders.Losses;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.LossAlgorithms;

/// <summary>
/// MultipleNegativesRankingLoss's pairs for a cross-encoder: each query with its positive, with negatives drawn from the
/// other rows' candidates (their positives and hard negatives), and with its own hard negatives; the score matrix
/// <c>[B, 1 + K + H]</c>, the positive first.
/// </summary>
public static class InBatchNegativeScoring
{
    /// <summary>Scores the pairs in sentence-transformers' order: positives, each drawn negative in turn, each hard-negative column.</summary>
    public static LogitBatch Score(LossDescriptor descriptor, ICrossEncoderScorer model, CrossEncoderBatch batch, int? numNegatives)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        CrossEncoderScoring.Columns(descriptor, batch);
        IReadOnlyList<string> queries = batch.Columns[0];
        int rows = queries.Count;
        string[] candidates = batch.Columns.Skip(1).SelectMany(c => c).ToArray();
        int[][] drawn = batch.SampledNegatives?.ToArray() ?? Draw(rows, batch.Columns.Count - 1, numNegatives);
        if (drawn.Length != rows || drawn.Any(r => r.Length != drawn[0].Length || r.Any(i => i < 0 || i >= candidates.Length || i % rows == Array.IndexOf(drawn, r))))
        {
            throw new LossInputException($"{descriptor.Name}: the sampled negatives must give each of the {rows} rows the same number of indices into the {candidates.Length} candidates, none of its own row.");
        }

        var scores = new List<Tensor> { model.Score(queries.Zip(batch.Columns[1]).ToArray()) };
        for (int j = 0; j < (rows == 0 ? 0 : drawn[0].Length); j++)
        {
            scores.Add(model.Score(queries.Select((query, row) => (query, candidates[drawn[row][j]])).ToArray()));
        }

        foreach (IReadOnlyList<string> negatives in batch.Columns.Skip(2))
        {
            scores.Add(model.Score(queries.Zip(negatives).ToArray()));
        }

        return new LogitBatch(stack(scores.Select(s => s.squeeze(1)), 1));
    }

    /// <summary>
    /// Every valid negative of each row in candidate order when <paramref name="numNegatives"/> is <c>null</c> or covers
    /// them all; else <paramref name="numNegatives"/> drawn without replacement (torch's <c>multinomial</c>, seeded by
    /// torch's global generator).
    /// </summary>
    private static int[][] Draw(int rows, int columns, int? numNegatives)
    {
        int valid = (rows * columns) - columns;
        if (numNegatives is not int k || k >= valid)
        {
            return Enumerable.Range(0, rows).Select(row => Enumerable.Range(0, rows * columns).Where(i => i % rows != row).ToArray()).ToArray();
        }

        using Tensor mask = eye(rows, dtype: ScalarType.Bool).logical_not().repeat(1, columns).to(float32);
        using Tensor draws = multinomial(mask, k);
        long[] flat = draws.data<long>().ToArray();
        return Enumerable.Range(0, rows).Select(row => flat.Skip(row * k).Take(k).Select(i => (int)i).ToArray()).ToArray();
    }
}
