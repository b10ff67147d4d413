namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// ContrastiveTensionLoss: two model copies score (sentence, sentence) pairs by dot product; identical pairs (label 1)
/// should score high and random pairs (label 0) low, by summed binary cross-entropy. Feed it batches from
/// ContrastiveTensionDataLoader.
/// </summary>
[Loss]
[RequiresLoader(typeof(ContrastiveTensionDataLoader))]
[RequiresInput(InputKind.BinaryLabeledPair)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.BinaryCrossEntropy)]
[Similarity(SimilarityFunction.PairwiseDotScore)]
[TrainsModelCopy]
[Citation(Citations.ContrastiveTension)]
public sealed partial class ContrastiveTensionLoss;
