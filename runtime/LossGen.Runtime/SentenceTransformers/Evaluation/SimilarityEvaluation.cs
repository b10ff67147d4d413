namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>The result of an <see cref="EmbeddingSimilarityEvaluator"/>.</summary>
/// <param name="Name">The evaluator's name.</param>
/// <param name="Spearman">Spearman's ρ of cosine similarity against the gold scores.</param>
/// <param name="Pearson">Pearson's r of cosine similarity against the gold scores.</param>
public sealed record SimilarityEvaluation(string Name, double Spearman, double Pearson);
