using System.Collections.Generic;

namespace LossGen;

/// <summary>
/// The DSL's grammar: every supported <see cref="LossGen.Pairing"/> × <see cref="LossGen.Objective"/> rule of each model family. The generator
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
            "−mean log(exp(pos) / Σ over the direction blocks' exp(scale · sim + hardness penalty)), pos = scale · sim(qᵢ, pᵢ)",
            [
                new("Directions", "LossGen.InBatchDirections", "global::LossGen.InBatchDirections.QueryToDoc"),
                new("PartitionMode", "LossGen.PartitionMode", "global::LossGen.PartitionMode.Joint"),
                new("HardnessMode", "LossGen.HardnessMode?", "null"),
                new("HardnessStrength", "float", "0"),
                MiniBatchNumTokens,
                new("GatherAcrossDevices", "bool", "false"),
            ],
            chunksByMiniBatch: true),
        new(Pairing.SymmetricInBatchNegatives, Objective.CrossEntropy, EmbeddingComparison.SimilarityMatrix, LabelKind.None, [HyperParameterRole.Scale],
            "½ [cross_entropy(scale · sim(a, [p; n])) + cross_entropy(scale · sim(p, a))]", [MiniBatchNumTokens], chunksByMiniBatch: true),
        new(Pairing.GuidedInBatchNegatives, Objective.CrossEntropy, EmbeddingComparison.None, LabelKind.None, [HyperParameterRole.Temperature, HyperParameterRole.Margin],
            "cross_entropy(cos_sim(a, [p; n; a; p]) / τ) with the candidates the guide ranks above the positive masked",
            [new("MarginStrategy", "LossGen.MarginStrategy", "global::LossGen.MarginStrategy.Absolute"), new("ContrastAnchors", "bool", "true"), new("ContrastPositives", "bool", "true"), MiniBatchNumTokens, new("GatherAcrossDevices", "bool", "false")],
            needsGuide: true,
            chunksByMiniBatch: true),
        new(Pairing.Pairwise, Objective.CoSent, EmbeddingComparison.PairwiseSimilarity, LabelKind.Score, [HyperParameterRole.Scale],
            "log(1 + Σ_{y_i < y_j} exp(scale · (s_i − s_j)))"),
        new(Pairing.Pairwise, Objective.Regression, EmbeddingComparison.PairwiseSimilarity, LabelKind.Score, [],
            "loss_fct(sim(a, b), y)",
            [new("LossFct", "LossGen.RegressionLossFunction", "global::LossGen.RegressionLossFunction.MseLoss")]),
        new(Pairing.Pairwise, Objective.KlDivergence, EmbeddingComparison.PairwiseSimilarity, LabelKind.ScoreVector, [HyperParameterRole.Temperature],
            "T_s² · KL(softmax(y / T_t) ‖ softmax(sim(q, [p; n]) / T_s)), T_s and T_t defaulting to τ",
            [new("StudentTemperature", "float?", "null"), new("TeacherTemperature", "float?", "null")]),
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
            "mean over columns of mse(P(column), target), P the optional learned projection",
            [ProjectionDim]),
        new(Pairing.Target, Objective.EmbeddingDistance, EmbeddingComparison.None, LabelKind.Embedding, [],
            "mean over columns of distance(P(column), target): 1 − cos, mse or ‖·‖₂",
            [new("DistanceMetric", "LossGen.SentenceTransformers.Losses.EmbedDistillDistance", "global::LossGen.SentenceTransformers.Losses.EmbedDistillDistance.Cosine"), ProjectionDim]),

        // Cross-encoders: the model scores each (query, document) pair and the objective reads those logits, after the
        // loss's activation_fn. Pointwise losses take an activation module; the others also take None.
        new(Pairing.Pairwise, Objective.BinaryCrossEntropy, EmbeddingComparison.None, LabelKind.Score, [],
            "mean binary_cross_entropy_with_logits(s(q, d), y; pos_weight)",
            [Activation("Identity", nullable: false), new("PosWeight", "float?", "null")],
            family: ModelFamily.CrossEncoder),
        new(Pairing.Pairwise, Objective.CrossEntropy, EmbeddingComparison.None, LabelKind.ClassId, [],
            "cross_entropy(logits(q, d), y; label_smoothing)",
            [Activation("Identity", nullable: false), new("LabelSmoothing", "float", "0")],
            family: ModelFamily.CrossEncoder),
        new(Pairing.Pairwise, Objective.SquaredError, EmbeddingComparison.None, LabelKind.Score, [],
            "mse(s(q, d), y)",
            [Activation("Identity", nullable: false)],
            family: ModelFamily.CrossEncoder),
        new(Pairing.Pairwise, Objective.MarginSquaredError, EmbeddingComparison.None, LabelKind.ScoreVector, [],
            "mse(s(q, p) − s(q, nₖ), teacher margins)",
            [Activation("Identity", nullable: false)],
            family: ModelFamily.CrossEncoder),
        new(Pairing.InBatchNegatives, Objective.CrossEntropy, EmbeddingComparison.None, LabelKind.None, [],
            "cross_entropy(scale · s(q, [p; sampled in-batch negatives; n]), 0)",
            [Activation("Sigmoid", nullable: true), new("NumNegatives", "int?", "4"), new("Scale", "float", "10")],
            chunksByMiniBatch: true,
            family: ModelFamily.CrossEncoder),
        new(Pairing.Listwise, Objective.ListNet, EmbeddingComparison.None, LabelKind.ScoreList, [],
            "−Σ softmax(y) · log_softmax(s)",
            [Activation("Identity", nullable: true), ListMiniBatch],
            family: ModelFamily.CrossEncoder),
        new(Pairing.Listwise, Objective.ListMle, EmbeddingComparison.None, LabelKind.ScoreList, [],
            "−Σᵢ log(exp(s_πᵢ) / Σ_{j ≥ i} exp(s_πⱼ)), π the true order",
            [Activation("Identity", nullable: true), ListMiniBatch, RespectInputOrder],
            family: ModelFamily.CrossEncoder),
        new(Pairing.Listwise, Objective.PListMle, EmbeddingComparison.None, LabelKind.ScoreList, [],
            "−Σᵢ wᵢ · log(exp(s_πᵢ) / Σ_{j ≥ i} exp(s_πⱼ)), π the true order",
            [Activation("Identity", nullable: true), ListMiniBatch, RespectInputOrder, new("LambdaWeight", "LossGen.CrossEncoders.Losses.PListMLELambdaWeight?", "global::LossGen.CrossEncoders.Losses.PListMLELambdaWeight.Default")],
            family: ModelFamily.CrossEncoder),
        new(Pairing.Listwise, Objective.RankNet, EmbeddingComparison.None, LabelKind.ScoreList, [],
            "Σ_{yᵢ > yⱼ} −log₂ σ(sigma · (sᵢ − sⱼ))",
            [Activation("Identity", nullable: true), ListMiniBatch, .. PairwiseRanking],
            family: ModelFamily.CrossEncoder),
        new(Pairing.Listwise, Objective.Lambda, EmbeddingComparison.None, LabelKind.ScoreList, [],
            "Σ_{yᵢ > yⱼ} −log₂ σ(sigma · (sᵢ − sⱼ))^{wᵢⱼ}, w the weighting scheme's",
            [
                Activation("Identity", nullable: true), ListMiniBatch, .. PairwiseRanking,
                new("WeightingScheme", "LossGen.CrossEncoders.Losses.LambdaWeightingScheme?", "global::LossGen.CrossEncoders.Losses.LambdaWeightingScheme.NDCGLoss2PPScheme"),
                new("Mu", "float", "10"),
            ],
            family: ModelFamily.CrossEncoder),
        new(Pairing.Listwise, Objective.ApproxDiscountedRankSquaredError, EmbeddingComparison.None, LabelKind.ScoreList, [],
            "mean (rᵢ − r̂ᵢ)² / log₂(1 + rᵢ), r̂ᵢ = 1 + Σⱼ σ(alpha · (sⱼ − sᵢ)) − ½",
            [Activation("Identity", nullable: true), ListMiniBatch, new("Alpha", "float", "1")],
            family: ModelFamily.CrossEncoder),
    ];

    // A listwise loss's mini_batch_size may be None (the number of queries) or ≤ 0 (all pairs at once), which the
    // positive [MiniBatchSize] role does not admit, so it is a plain parameter the scoring reads.
    private static RuleParameter ListMiniBatch => new("MiniBatchSize", "int?", "null");

    // sentence-transformers v5.7's token-budget mini-batches for GradCache, read by the generated Compute, not the math.
    private static RuleParameter MiniBatchNumTokens => new("MiniBatchNumTokens", "int?", "null");

    // sentence-transformers v5.5's learned nn.Linear(D, projection_dim) from the student to the teacher's dimension.
    private static RuleParameter ProjectionDim => new("ProjectionDim", "int?", "null");

    private static RuleParameter RespectInputOrder => new("RespectInputOrder", "bool", "true");

    private static RuleParameter[] PairwiseRanking =>
    [
        new("K", "int?", "null"),
        new("Sigma", "float", "1"),
        new("Eps", "float", "1e-10f"),
        new("ReductionLog", "LossGen.CrossEncoders.Losses.ReductionLog", "global::LossGen.CrossEncoders.Losses.ReductionLog.Binary"),
    ];

    private static RuleParameter Activation(string referenceDefault, bool nullable) =>
        new("ActivationFn", nullable ? "LossGen.ActivationFunction?" : "LossGen.ActivationFunction", "global::LossGen.ActivationFunction." + referenceDefault);

    /// <summary>The rule of <paramref name="pairing"/> × <paramref name="objective"/> for <paramref name="family"/>, or <c>null</c> when the grammar has none.</summary>
    public static LossRule? Find(ModelFamily family, Pairing pairing, Objective objective)
    {
        foreach (LossRule rule in Rules)
        {
            if (rule.Family == family && rule.Pairing == pairing && rule.Objective == objective)
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
