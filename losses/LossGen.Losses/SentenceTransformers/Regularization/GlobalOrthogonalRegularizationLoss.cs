using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// GlobalOrthogonalRegularizationLoss: spreads each column's embeddings out over the space. Per column, with S the
/// batch's similarity matrix without its diagonal, the mean term is <c>mean(S)²</c> and the second-moment term
/// <c>relu(mean(S²) − 1/D)</c>; each is aggregated over columns (mean or sum) and weighted. It returns the two as named
/// components, <c>gor_mean</c> and <c>gor_second_moment</c>, which the trainer sums and logs; add it to a contrastive
/// loss's data as a second loss. A batch of one row has no pair: the terms are 0/0, which LossGen refuses.
/// </summary>
[Loss]
[RequiresInput(InputKind.Texts)]
[Citation("""
@misc{zhang2017learningspreadoutlocalfeature,
      title={Learning Spread-out Local Feature Descriptors},
      author={Xu Zhang and Felix X. Yu and Sanjiv Kumar and Shih-Fu Chang},
      year={2017},
      eprint={1708.06320},
      archivePrefix={arXiv},
      primaryClass={cs.CV},
      url={https://arxiv.org/abs/1708.06320},
}
""")]
public sealed partial class GlobalOrthogonalRegularizationLoss
{
    /// <summary>The similarity matrix function (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.CosSim)]
    public partial SimilarityFunction SimilarityFct { get; }

    /// <summary>The weight of the mean term (<c>mean_weight</c>); <c>null</c> or 0 drops it.</summary>
    [HyperParameter(1f)]
    public partial float? MeanWeight { get; }

    /// <summary>The weight of the second-moment term (<c>second_moment_weight</c>); <c>null</c> or 0 drops it.</summary>
    [HyperParameter(1f)]
    public partial float? SecondMomentWeight { get; }

    /// <summary>How each term is aggregated over the columns (<c>aggregation</c>).</summary>
    [HyperParameter(GorAggregation.Mean)]
    public partial GorAggregation Aggregation { get; }

    partial void OnCreated()
    {
        if (MeanWeight is null or 0 && SecondMomentWeight is null or 0)
        {
            throw new ArgumentException("GlobalOrthogonalRegularizationLoss: at least one of mean_weight or second_moment_weight must be non-zero.");
        }
    }

    [LossMath]
    private IReadOnlyDictionary<string, Tensor> Compute(IReadOnlyList<Tensor> columns)
    {
        var meanTerms = new Tensor[columns.Count];
        var secondMomentTerms = new Tensor[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            long rows = columns[c].shape[0];
            double offDiagonal = rows * (rows - 1);
            // S [B, B] without self-similarities.
            using var diagonal = eye(rows, dtype: ScalarType.Bool, device: columns[c].device);
            var similarities = Similarities.Matrix(SimilarityFct, columns[c], columns[c]).masked_fill(diagonal, 0.0);
            meanTerms[c] = (similarities.sum() / offDiagonal).pow(2);
            secondMomentTerms[c] = nn.functional.relu((similarities.pow(2).sum() / offDiagonal) - (1.0 / columns[c].shape[1]));
        }

        var components = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        if (MeanWeight is float meanWeight && meanWeight != 0)
        {
            components["gor_mean"] = meanWeight * Aggregate(meanTerms);
        }

        if (SecondMomentWeight is float secondMomentWeight && secondMomentWeight != 0)
        {
            components["gor_second_moment"] = secondMomentWeight * Aggregate(secondMomentTerms);
        }

        return components;
    }

    private Tensor Aggregate(Tensor[] terms) => Aggregation == GorAggregation.Sum ? stack(terms).sum() : stack(terms).mean();
}
