namespace LossGen.CrossEncoders.Losses;

/// <summary>RankNetLoss: the pairwise logistic loss of every correctly ordered document pair, LambdaLoss with no weighting.</summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.QueryDocuments)]
[Pairing(Pairing.Listwise)]
[Objective(Objective.RankNet)]
[Citation("""
@inproceedings{burges2005learning,
  title={Learning to Rank using Gradient Descent},
  author={Burges, Chris and Shaked, Tal and Renshaw, Erin and Lazier, Ari and Deeds, Matt and Hamilton, Nicole and Hullender, Greg},
  booktitle={Proceedings of the 22nd international conference on Machine learning},
  pages={89--96},
  year={2005}
}
""")]
public sealed partial class RankNetLoss
{
    /// <summary>Only pairs within the top k predicted positions count (<c>k</c>); <c>null</c> counts all.</summary>
    [HyperParameter(null, Minimum = 1)]
    public partial int? K { get; }

    /// <summary>The sharpness of the pairwise sigmoid (<c>sigma</c>).</summary>
    [HyperParameter(1f)]
    public partial float Sigma { get; }

    /// <summary>The floor of probabilities (<c>eps</c>).</summary>
    [HyperParameter(1e-10f, Minimum = 0)]
    public partial float Eps { get; }

    /// <summary>The logarithm of the probabilities (<c>reduction_log</c>).</summary>
    [HyperParameter(ReductionLog.Binary)]
    public partial ReductionLog ReductionLog { get; }

    /// <summary>The activation applied to the logits before the loss (<c>activation_fn</c>).</summary>
    [HyperParameter(ActivationFunction.Identity)]
    public partial ActivationFunction? ActivationFn { get; }

    /// <summary>Pairs scored per model call (<c>mini_batch_size</c>); <c>null</c> is the number of queries, ≤ 0 all pairs at once.</summary>
    [HyperParameter(null)]
    public partial int? MiniBatchSize { get; }
}
