using System.Collections.Generic;

namespace LossGen;

/// <summary>
/// The DSL's grammar: every supported <see cref="LossGen.Pairing"/> × <see cref="LossGen.Objective"/> rule. The generator
/// checks declarations against it and emits each rule's forward code, the analyzers read it, and the README's grammar
/// table is checked against it by a test.
/// </summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
static class LossGrammar
{
    /// <summary>Every rule, in the order of the README's grammar table.</summary>
    public static IReadOnlyList<LossRule> Rules { get; } =
    [
        new(Pairing.InBatchNegatives, Objective.CrossEntropy, EmbeddingComparison.SimilarityMatrix, LabelKind.None, [HyperParameterRole.Scale],
            "cross_entropy(scale · sim(a, [p; n]), arange(B))", chunksByMiniBatch: true),
        new(Pairing.SymmetricInBatchNegatives, Objective.CrossEntropy, EmbeddingComparison.SimilarityMatrix, LabelKind.None, [HyperParameterRole.Scale],
            "½ [cross_entropy(scale · sim(a, [p; n])) + cross_entropy(scale · sim(p, a))]", chunksByMiniBatch: true),
        new(Pairing.GuidedInBatchNegatives, Objective.CrossEntropy, EmbeddingComparison.None, LabelKind.None, [HyperParameterRole.Temperature, HyperParameterRole.Margin],
            "cross_entropy(cos_sim(a, [p; n; a; p]) / τ) with the candidates the guide ranks above the positive masked",
            [new("MarginStrategy", "LossGen.MarginStrategy", "global::LossGen.MarginStrategy.Absolute"), new("ContrastAnchors", "bool", "true"), new("ContrastPositives", "bool", "true")],
            needsGuide: true,
            chunksByMiniBatch: true),
        new(Pairing.Pairwise, Objective.CoSent, EmbeddingComparison.PairwiseSimilarity, LabelKind.Score, [HyperParameterRole.Scale],
            "log(1 + Σ_{y_i < y_j} exp(scale · (s_i − s_j)))"),
        new(Pairing.Pairwise, Objective.Regression, EmbeddingComparison.PairwiseSimilarity, LabelKind.Score, [],
            "loss_fct(sim(a, b), y)",
            [new("LossFct", "LossGen.RegressionLossFunction", "global::LossGen.RegressionLossFunction.MseLoss")]),
        new(Pairing.Pairwise, Objective.KlDivergence, EmbeddingComparison.PairwiseSimilarity, LabelKind.ScoreVector, [HyperParameterRole.Temperature],
            "τ² · KL(softmax(y / τ) ‖ softmax(sim(q, [p; n]) / τ))"),
        new(Pairing.Pairwise, Objective.BinaryCrossEntropy, EmbeddingComparison.PairwiseSimilarity, LabelKind.Binary, [],
            "Σ binary_cross_entropy_with_logits(sim(a, b), y)"),
        new(Pairing.Pairwise, Objective.Contrastive, EmbeddingComparison.SiameseDistance, LabelKind.Binary, [HyperParameterRole.Margin],
            "½ [y · d(a, b)² + (1 − y) · relu(margin − d(a, b))²]",
            [new("SizeAverage", "bool", "true")]),
        new(Pairing.Pairwise, Objective.MarginSquaredError, EmbeddingComparison.PairwiseSimilarity, LabelKind.ScoreVector, [],
            "mse(sim(q, p) − sim(q, nₖ), teacher margins)"),
        new(Pairing.Triplet, Objective.Hinge, EmbeddingComparison.TripletDistance, LabelKind.None, [HyperParameterRole.Margin],
            "mean relu(d(a, p) − d(a, n) + margin)"),
        new(Pairing.BatchAll, Objective.Hinge, EmbeddingComparison.BatchDistance, LabelKind.ClassId, [HyperParameterRole.Margin],
            "mean over valid triplets with a positive loss of relu(D[a, p] − D[a, n] + margin)"),
        new(Pairing.BatchHard, Objective.Hinge, EmbeddingComparison.BatchDistance, LabelKind.ClassId, [HyperParameterRole.Margin],
            "mean relu(max_p D[a, p] − min_n D[a, n] + margin)"),
        new(Pairing.BatchHard, Objective.SoftMargin, EmbeddingComparison.BatchDistance, LabelKind.ClassId, [],
            "mean softplus(max_p D[a, p] − min_n D[a, n])"),
        new(Pairing.BatchSemiHard, Objective.Hinge, EmbeddingComparison.BatchDistance, LabelKind.ClassId, [HyperParameterRole.Margin],
            "mean relu(D[a, p] − D[a, n*] + margin), n* the closest negative farther than p"),
        new(Pairing.Target, Objective.SquaredError, EmbeddingComparison.None, LabelKind.Embedding, [],
            "mean over columns of mse(column, target)"),
    ];

    /// <summary>The rule of <paramref name="pairing"/> × <paramref name="objective"/>, or <c>null</c> when the grammar has none.</summary>
    public static LossRule? Find(Pairing pairing, Objective objective)
    {
        foreach (LossRule rule in Rules)
        {
            if (rule.Pairing == pairing && rule.Objective == objective)
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>Whether losses of <paramref name="pairing"/> score each anchor against the other rows of the batch, so a batch of one row teaches nothing.</summary>
    public static bool UsesInBatchNegatives(Pairing pairing) =>
        pairing is Pairing.InBatchNegatives or Pairing.SymmetricInBatchNegatives or Pairing.GuidedInBatchNegatives;
}
