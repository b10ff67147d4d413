namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// ContrastiveTensionLossInBatchNegatives: Contrastive Tension with in-batch negatives, symmetric cross-entropy over
/// the scores of two model copies, with a learnable temperature (<c>logit_scale</c>, initialised to log(scale)).
/// Train on single sentences from an ordinary loader: both copies embed each sentence (sentence-transformers v5.3+).
/// </summary>
[Loss]
[RefusesLoader(typeof(ContrastiveTensionDataLoader))]
[RequiresInput(InputKind.Text)]
[Pairing(Pairing.SymmetricInBatchNegatives)]
[Objective(Objective.CrossEntropy)]
[TrainsModelCopy]
[Citation(Citations.ContrastiveTension)]
public sealed partial class ContrastiveTensionLossInBatchNegatives
{
    /// <summary>The initial scale; the loss learns <c>log(scale)</c> (<c>scale</c>).</summary>
    [Scale(20, Learnable = true)]
    public partial float Scale { get; }

    /// <summary>The similarity matrix function (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.CosSim)]
    public partial SimilarityFunction SimilarityFct { get; }
}
