using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// MarginMSELoss: the student's margin <c>logit(q, pos) − logit(q, negₖ)</c> regressed onto a teacher's. Labels are
/// the margins (<c>[B]</c> or <c>[B, n]</c>) or the teacher's raw scores <c>[B, n + 1]</c>, positive first.
/// </summary>
[Loss(ModelFamily.CrossEncoder)]
[RequiresInput(InputKind.QueryPassagesWithTeacherScores)]
[Pairing(Pairing.Pairwise)]
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

    // logits [B, 1 + n, 1]: the positive column, then each negative column.
    [LossMath]
    private Tensor Compute(Tensor logits, Tensor labels)
    {
        var scores = logits.squeeze(2);
        long negatives = scores.shape[1] - 1;
        var margins = scores.narrow(1, 0, 1) - scores.narrow(1, 1, negatives);
        var targets = labels.dim() == 1 ? labels.unsqueeze(1)
            : labels.shape[1] == negatives + 1 ? labels.narrow(1, 0, 1) - labels.narrow(1, 1, negatives)
            : labels;
        if (!System.Linq.Enumerable.SequenceEqual(targets.shape, margins.shape))
        {
            throw new LossInputException($"Labels shape [{string.Join(", ", labels.shape)}] does not match expected shape [{scores.shape[0]}, {negatives}]. Ensure that your dataset labels/scores are 1) lists of differences between positive scores and negatives scores (length `num_negatives`), or 2) lists of positive and negative scores (length `num_negatives + 1`).");
        }

        return nn.functional.mse_loss(margins, targets.to(float32));
    }
}
