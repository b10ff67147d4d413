namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// DistillKLDivLoss: matches the student's softmax over (query, passage) scores to the teacher's, by KL divergence
/// times T². Labels are the teacher's scores <c>[B, passages]</c>, positive first.
/// </summary>
[Loss]
[RequiresInput(InputKind.QueryPassagesWithTeacherScores)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.KlDivergence)]
[Citation("""
@misc{lin2020distillingdenserepresentationsranking,
    title={Distilling Dense Representations for Ranking using Tightly-Coupled Teachers},
    author={Sheng-Chieh Lin and Jheng-Hong Yang and Jimmy Lin},
    year={2020},
    eprint={2010.11386},
    archivePrefix={arXiv},
    primaryClass={cs.IR},
    url={https://arxiv.org/abs/2010.11386},
}
""")]
public sealed partial class DistillKLDivLoss
{
    /// <summary>The pairwise similarity (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.PairwiseDotScore)]
    public partial SimilarityFunction SimilarityFct { get; }

    /// <summary>The softmax temperature (<c>temperature</c>).</summary>
    [Temperature(1.0)]
    public partial float Temperature { get; }

    /// <summary>The student's softmax temperature, whose square also scales the loss (<c>student_temperature</c>); <c>null</c> is <see cref="Temperature"/>.</summary>
    [HyperParameter(null, Minimum = 0)]
    public partial float? StudentTemperature { get; }

    /// <summary>The teacher's softmax temperature (<c>teacher_temperature</c>); <c>null</c> is <see cref="Temperature"/>.</summary>
    [HyperParameter(null, Minimum = 0)]
    public partial float? TeacherTemperature { get; }
}
