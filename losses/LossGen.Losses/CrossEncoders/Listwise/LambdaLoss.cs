namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// LambdaLoss: a listwise loss that optimises NDCG through weighted pairwise probabilities of the predicted ranking
/// (the allRank formulation). With no pair to learn from (every document irrelevant, one document per query) the loss
/// is NaN with zero gradients, as upstream.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.QueryDocuments)]
[Pairing(Pairing.Listwise)]
[Objective(Objective.Lambda)]
[Citation("""
@inproceedings{wang2018lambdaloss,
  title={The LambdaLoss Framework for Ranking Metric Optimization},
  author={Wang, Xuanhui and Li, Cheng and Golbandi, Nadav and Bendersky, Michael and Najork, Marc},
  booktitle={Proceedings of the 27th ACM international conference on information and knowledge management},
  pages={1313--1322},
  year={2018}
}
""")]
public sealed partial class LambdaLoss
{
    /// <summary>How each document pair is weighted (<c>weighting_scheme</c>); <c>null</c> is NoWeightingScheme.</summary>
    [HyperParameter(LambdaWeightingScheme.NDCGLoss2PPScheme)]
    public partial LambdaWeightingScheme? WeightingScheme { get; }

    /// <summary>NDCGLoss2PPScheme's weight of NDCG-Loss2 against LambdaRank (<c>NDCGLoss2PPScheme(mu)</c>).</summary>
    [HyperParameter(10f)]
    public partial float Mu { get; }

    /// <summary>Only pairs within the top k predicted positions count (<c>k</c>); <c>null</c> counts all.</summary>
    [HyperParameter(null, Minimum = 1)]
    public partial int? K { get; }

    /// <summary>The sharpness of the pairwise sigmoid (<c>sigma</c>).</summary>
    [HyperParameter(1f)]
    public partial float Sigma { get; }

    /// <summary>The floor of probabilities and of the ideal DCG (<c>eps</c>).</summary>
    [HyperParameter(1e-10f, Minimum = 0)]
    public partial float Eps { get; }

    /// <summary>The logarithm of the weighted probabilities (<c>reduction_log</c>).</summary>
    [HyperParameter(ReductionLog.Binary)]
    public partial ReductionLog ReductionLog { get; }

    /// <summary>The activation applied to the logits before the loss (<c>activation_fn</c>).</summary>
    [HyperParameter(ActivationFunction.Identity)]
    public partial ActivationFunction? ActivationFn { get; }

    /// <summary>Pairs scored per model call (<c>mini_batch_size</c>); <c>null</c> is the number of queries, ≤ 0 all pairs at once.</summary>
    [HyperParameter(null)]
    public partial int? MiniBatchSize { get; }
}
