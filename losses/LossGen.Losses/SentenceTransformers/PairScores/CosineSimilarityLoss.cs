namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// CosineSimilarityLoss: regresses the cosine similarity of each pair onto its gold score, by mean squared error unless
/// <c>loss_fct</c> says otherwise.
/// </summary>
[Loss]
[RequiresInput(InputKind.ScoredPair)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.Regression)]
[Similarity(SimilarityFunction.CosineSimilarity)]
public sealed partial class CosineSimilarityLoss
{
    /// <summary>The regression loss between similarities and scores (<c>loss_fct</c>).</summary>
    [HyperParameter(RegressionLossFunction.MseLoss)]
    public partial RegressionLossFunction LossFct { get; }
}
