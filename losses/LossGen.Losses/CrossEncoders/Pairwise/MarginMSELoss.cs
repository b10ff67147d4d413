namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// MarginMSELoss: the student's margin <c>logit(q, pos) − logit(q, negₖ)</c> regressed onto a teacher's. Labels are
/// the margins (<c>[B]</c> or <c>[B, n]</c>) or the teacher's raw scores <c>[B, n + 1]</c>, positive first.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.QueryPassagesWithTeacherScores)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.MarginSquaredError)]
[Citation("""
@misc{hofstätter2021improving,
    title={Improving Efficient Neural Ranking Models with Cross-Architecture Knowledge Distillation},
    author={Sebastian Hofstätter and Sophia Althammer and Michael Schröder and Mete Sertkan and Allan Hanbury},
    year={2021},
    eprint={2010.02666},
    archivePrefix={arXiv},
    primaryClass={cs.IR}
}
""")]
public sealed partial class MarginMSELoss
{
    /// <summary>The activation applied to the logits before the loss (<c>activation_fn</c>).</summary>
    [HyperParameter(ActivationFunction.Identity)]
    public partial ActivationFunction ActivationFn { get; }
}
