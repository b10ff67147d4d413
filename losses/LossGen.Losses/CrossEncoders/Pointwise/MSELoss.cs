namespace LossGen.CrossEncoders.Losses;

/// <summary>MSELoss: each pair's logit regressed onto a score, typically a teacher cross-encoder's (knowledge distillation).</summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.ScoredPair)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.SquaredError)]
public sealed partial class MSELoss
{
    /// <summary>The activation applied to the logits before the loss (<c>activation_fn</c>).</summary>
    [HyperParameter(ActivationFunction.Identity)]
    public partial ActivationFunction ActivationFn { get; }
}
