namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// MSELoss: mean squared error between student embeddings and a teacher's, as in multilingual knowledge distillation:
/// EmbedDistillLoss's <c>mse</c> case (sentence-transformers v5.5). With several text columns (a sentence and its
/// translations) each is trained towards the same teacher vector, or towards its own with <c>[B, columns, D]</c> labels.
/// </summary>
[Loss]
[RequiresInput(InputKind.TextWithTargetEmbedding)]
[Pairing(Pairing.Target)]
[Objective(Objective.SquaredError)]
[Citation("""
@inproceedings{reimers-2020-multilingual-sentence-bert,
    title = "Making Monolingual Sentence Embeddings Multilingual using Knowledge Distillation",
    author = "Reimers, Nils and Gurevych, Iryna",
    booktitle = "Proceedings of the 2020 Conference on Empirical Methods in Natural Language Processing",
    month = "11",
    year = "2020",
    publisher = "Association for Computational Linguistics",
    url = "https://arxiv.org/abs/2004.09813",
}
""")]
public sealed partial class MSELoss
{
    /// <summary>The teacher's dimension, when the student's differs: the loss learns a linear projection to it (<c>projection_dim</c>); <c>null</c> compares the embeddings as they are.</summary>
    [HyperParameter(null, Minimum = 1)]
    public partial int? ProjectionDim { get; }
}
