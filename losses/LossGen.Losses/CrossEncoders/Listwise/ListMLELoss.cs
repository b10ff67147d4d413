namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// ListMLELoss: the negative Plackett-Luce log-likelihood of each query's ranking: the input order by default (the
/// labels then only fix the lengths), or the labels' order with <c>respect_input_order</c> false.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.QueryDocuments)]
[Pairing(Pairing.Listwise)]
[Objective(Objective.ListMle)]
[Citation("""
@inproceedings{10.1145/1390156.1390306,
    title = {Listwise Approach to Learning to Rank - Theory and Algorithm},
    author = {Xia, Fen and Liu, Tie-Yan and Wang, Jue and Zhang, Wensheng and Li, Hang},
    booktitle = {Proceedings of the 25th International Conference on Machine Learning},
    pages = {1192-1199},
    year = {2008},
    url = {https://doi.org/10.1145/1390156.1390306},
}
""")]
public sealed partial class ListMLELoss
{
    /// <summary>The activation applied to the logits before the loss (<c>activation_fn</c>).</summary>
    [HyperParameter(ActivationFunction.Identity)]
    public partial ActivationFunction? ActivationFn { get; }

    /// <summary>Pairs scored per model call (<c>mini_batch_size</c>); <c>null</c> is the number of queries, ≤ 0 all pairs at once.</summary>
    [HyperParameter(null)]
    public partial int? MiniBatchSize { get; }

    /// <summary>Whether the documents are already in their true order (<c>respect_input_order</c>); otherwise they are sorted by label.</summary>
    [HyperParameter(true)]
    public partial bool RespectInputOrder { get; }
}
