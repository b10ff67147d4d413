namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// ADRMSELoss (Approx Discounted Rank MSE, Rank-DistiLLM): each document's differentiable approximate rank regressed
/// onto its true rank (ties share the average rank), discounted by <c>1 / log2(rank + 1)</c>; summed over the batch's
/// real documents and divided by their number.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.QueryDocuments)]
[Pairing(Pairing.Listwise)]
[Objective(Objective.ApproxDiscountedRankSquaredError)]
[Citation("""
@inproceedings{schlatt2025rankdistillm,
    title={Rank-DistiLLM: Closing the Effectiveness Gap Between Cross-Encoders and LLMs for Passage Re-ranking},
    author={Schlatt, Ferdinand and Fröbe, Maik and Scells, Harrisen and Zhuang, Shengyao and Koopman, Bevan and Zuccon, Guido and Stein, Benno and Potthast, Martin and Hagen, Matthias},
    booktitle={Advances in Information Retrieval (ECIR 2025)},
    year={2025},
    doi={10.1007/978-3-031-88714-7_31},
}
""")]
public sealed partial class ADRMSELoss
{
    /// <summary>The sharpness of the sigmoid that approximates each rank (<c>alpha</c>).</summary>
    [HyperParameter(1f)]
    public partial float Alpha { get; }

    /// <summary>The activation applied to the logits before the loss (<c>activation_fn</c>).</summary>
    [HyperParameter(ActivationFunction.Identity)]
    public partial ActivationFunction? ActivationFn { get; }

    /// <summary>Pairs scored per model call (<c>mini_batch_size</c>); <c>null</c> is the number of queries, ≤ 0 all pairs at once.</summary>
    [HyperParameter(null)]
    public partial int? MiniBatchSize { get; }
}
