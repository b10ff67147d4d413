namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// BinaryCrossEntropyLoss: each (query, document) pair's logit against its relevance label, 0/1 or a soft label in
/// [0, 1] (STS-B scores / 5), the standard loss for training a reranker from labelled pairs. With <c>activation_fn</c>
/// Sigmoid the sigmoid is applied twice (once by the activation, once inside the loss), as upstream does.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.ScoredPair)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.BinaryCrossEntropy)]
public sealed partial class BinaryCrossEntropyLoss
{
    /// <summary>The activation applied to the logits before the loss (<c>activation_fn</c>).</summary>
    [HyperParameter(ActivationFunction.Identity)]
    public partial ActivationFunction ActivationFn { get; }

    /// <summary>The weight of positive examples, to balance few positives against many negatives (<c>pos_weight</c>); <c>null</c> weighs them as 1.</summary>
    [HyperParameter(null, Minimum = 0)]
    public partial float? PosWeight { get; }
}
