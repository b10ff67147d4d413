namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// PListMLELoss: ListMLE with the top positions weighted more (position r of n, 0-based, weighs <c>2^(n − r) − 1</c>,
/// normalised per query), as sentence-transformers' <c>PListMLELambdaWeight</c> does.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.QueryDocuments)]
[Pairing(Pairing.Listwise)]
[Objective(Objective.PListMle)]
[Citation("""
@inproceedings{lan2014position,
  title={Position-Aware ListMLE: A Sequential Learning Process for Ranking},
  author={Lan, Yanyan and Zhu, Yadong and Guo, Jiafeng and Niu, Shuzi and Cheng, Xueqi},
  booktitle={UAI},
  volume={14},
  pages={449--458},
  year={2014}
}
""")]
public sealed partial class PListMLELoss
{
    /// <summary>The position weights (<c>lambda_weight</c>); <c>null</c> weighs every position alike, which is ListMLE.</summary>
    [HyperParameter(PListMLELambdaWeight.Default)]
    public partial PListMLELambdaWeight? LambdaWeight { get; }

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
