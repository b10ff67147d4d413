namespace LossGen;

/// <summary>Objectives of the DSL.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum Objective
{
    /// <summary>Mean squared error against a target.</summary>
    SquaredError,

    /// <summary>A regression of scores against labels with a selectable <see cref="T:LossGen.RegressionLossFunction"/>.</summary>
    Regression,

    /// <summary><c>relu(d(a,p) − d(a,n) + margin)</c>; needs a <see cref="T:LossGen.MarginAttribute"/> hyper-parameter.</summary>
    Hinge,

    /// <summary><c>softplus(d(a,p) − d(a,n))</c>.</summary>
    SoftMargin,

    /// <summary>Hadsell et al.'s contrastive loss on a 0/1 label; needs a margin.</summary>
    Contrastive,

    /// <summary>Cross-entropy over scaled in-batch scores; needs a <see cref="T:LossGen.ScaleAttribute"/> hyper-parameter.</summary>
    CrossEntropy,

    /// <summary>CoSENT ranking: <c>log(1 + Σ exp(s_i − s_j))</c> over pairs whose labels rank j above i.</summary>
    CoSent,

    /// <summary>Binary cross-entropy with logits, summed over the batch.</summary>
    BinaryCrossEntropy,

    /// <summary>KL divergence to a teacher's softmax, times T²; needs a <see cref="T:LossGen.TemperatureAttribute"/> hyper-parameter.</summary>
    KlDivergence,

    /// <summary>Mean squared error between the margins <c>s(q, p) − s(q, nₖ)</c> and a teacher's margins (MarginMSELoss).</summary>
    MarginSquaredError,

    /// <summary>ListNet: the cross-entropy between the softmax of a query's labels and the softmax of its documents' logits.</summary>
    ListNet,

    /// <summary>ListMLE: the Plackett-Luce likelihood of the documents' true order under their logits.</summary>
    ListMle,

    /// <summary>Position-aware ListMLE: the Plackett-Luce likelihood with each position's term weighted (PListMLE).</summary>
    PListMle,

    /// <summary>RankNet: the pairwise logistic loss of every pair of documents whose labels differ.</summary>
    RankNet,

    /// <summary>LambdaLoss: RankNet's pairwise terms weighted by a metric-driven scheme (NDCG-Loss2++, LambdaRank, …).</summary>
    Lambda,

    /// <summary>ADRMSE: the squared error between each document's true rank and its differentiable approximate rank, discounted as NDCG is.</summary>
    ApproxDiscountedRankSquaredError,

    /// <summary>A distance (cosine, mean squared error or L2) between each column and a teacher's embedding (EmbedDistillLoss).</summary>
    EmbeddingDistance,
}
