using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Losses;

/// <summary>
/// MarginMSELoss: regresses the student's margin <c>sim(q, pos) − sim(q, negₖ)</c> onto the teacher's. Labels are the
/// margins (<c>[B]</c> or <c>[B, n]</c>) or the teacher's raw scores <c>[B, n + 1]</c>, positive first.
/// </summary>
[Loss]
[RequiresInput(InputKind.QueryPassagesWithTeacherScores)]
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
    /// <summary>The pairwise similarity (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.PairwiseDotScore)]
    public partial SimilarityFunction SimilarityFct { get; }

    [LossMath]
    private Tensor Compute(System.Collections.Generic.IReadOnlyList<Tensor> columns, Tensor labels)
    {
        long batch = columns[0].shape[0];
        int negatives = columns.Count - 2;
        Tensor margins = labels.to(columns[0].dtype);
        if (margins.dim() == 2 && margins.shape[1] == negatives + 1)
        {
            margins = margins.narrow(1, 0, 1).sub(margins.narrow(1, 1, negatives));
        }
        else if (margins.dim() == 1)
        {
            margins = margins.unsqueeze(1);
        }

        if (margins.dim() != 2 || margins.shape[0] != batch || margins.shape[1] != negatives)
        {
            throw new LossInputException($"{nameof(MarginMSELoss)}: labels of shape [{string.Join(", ", labels.shape)}] do not match {negatives} negative column(s); expected [{batch}], [{batch}, {negatives}] or [{batch}, {negatives + 1}].");
        }

        Tensor positiveScores = Similarities.Pairwise(SimilarityFct, columns[0], columns[1]);
        var predicted = new Tensor[negatives];
        for (int k = 0; k < negatives; k++)
        {
            predicted[k] = positiveScores.sub(Similarities.Pairwise(SimilarityFct, columns[0], columns[k + 2]));
        }

        return F.mse_loss(stack(predicted, 1), margins);
    }
}
