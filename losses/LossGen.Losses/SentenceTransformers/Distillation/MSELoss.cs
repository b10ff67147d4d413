namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// MSELoss: mean squared error between student embeddings and a teacher's, as in multilingual knowledge distillation.
/// With several text columns (a sentence and its translations) each is trained towards the same teacher vector.
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
public sealed partial class MSELoss;
