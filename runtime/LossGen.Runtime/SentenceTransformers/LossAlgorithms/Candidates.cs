using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.LossAlgorithms;

/// <summary>Scores of a query column against each of its candidate columns, row by row.</summary>
public static class Candidates
{
    /// <summary><c>s[:, k] = sim(columns[0], columns[k + 1])</c>, a B×(columns − 1) matrix.</summary>
    public static Tensor PairwiseScores(SimilarityFunction similarity, IReadOnlyList<Tensor> columns)
    {
        using var scope = NewDisposeScope();
        var scores = new Tensor[columns.Count - 1];
        for (int k = 1; k < columns.Count; k++)
        {
            scores[k - 1] = Similarities.Pairwise(similarity, columns[0], columns[k]);
        }

        return stack(scores, 1).MoveToOuterDisposeScope();
    }
}
