namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// EmbedDistillLoss: distils a teacher's embedding geometry into the student by a distance between each column's
/// embedding and the teacher's (cosine by default, mean squared error or L2), optionally through a learned projection
/// to the teacher's dimension. Labels are the teacher's embeddings, <c>[B, D]</c> for every column or
/// <c>[B, columns, D]</c> one per column, computed once beforehand.
/// </summary>
[Loss]
[RequiresInput(InputKind.TextWithTargetEmbedding)]
[Pairing(Pairing.Target)]
[Objective(Objective.EmbeddingDistance)]
[Citation("""
@article{kim2023embeddistill,
    title={EmbedDistill: A Geometric Knowledge Distillation for Information Retrieval},
    author={Kim, Seungyeon and Rawat, Ankit Singh and Zaheer, Manzil and Jayasumana, Sadeep and Sadhanala, Veeranjaneyulu and Jitkrittum, Wittawat and Menon, Aditya Krishna and Fergus, Rob and Kumar, Sanjiv},
    year={2023},
    eprint={2301.12005},
    archivePrefix={arXiv},
    primaryClass={cs.IR}
}
""")]
public sealed partial class EmbedDistillLoss
{
    /// <summary>How each student embedding is compared with its teacher's (<c>distance_metric</c>).</summary>
    [HyperParameter(EmbedDistillDistance.Cosine)]
    public partial EmbedDistillDistance DistanceMetric { get; }

    /// <summary>The teacher's dimension, when the student's differs: the loss learns a linear projection to it (<c>projection_dim</c>); <c>null</c> compares the embeddings as they are.</summary>
    [HyperParameter(null, Minimum = 1)]
    public partial int? ProjectionDim { get; }
}
