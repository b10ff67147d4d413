namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// CrossEntropyLoss: the logits of a multi-label cross-encoder (num_labels classes, such as NLI's contradiction,
/// entailment, neutral) against each pair's class id.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.LabeledPair)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.CrossEntropy)]
public sealed partial class CrossEntropyLoss
{
    /// <summary>The activation applied to the logits before the loss (<c>activation_fn</c>).</summary>
    [HyperParameter(ActivationFunction.Identity)]
    public partial ActivationFunction ActivationFn { get; }

    /// <summary>The share of the target spread over all classes (<c>label_smoothing</c>, a keyword of <c>torch.nn.CrossEntropyLoss</c>), in [0, 1].</summary>
    [HyperParameter(0f, Minimum = 0)]
    public partial float LabelSmoothing { get; }
}
