namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>The result of an <see cref="InformationRetrievalEvaluator"/>.</summary>
/// <param name="Name">The evaluator's name.</param>
/// <param name="MrrAt10">Mean reciprocal rank of the first relevant document in the top 10.</param>
/// <param name="NdcgAt10">Normalised discounted cumulative gain at 10.</param>
/// <param name="RecallAt1">Share of relevant documents in the top 1.</param>
/// <param name="RecallAt5">Share of relevant documents in the top 5.</param>
/// <param name="RecallAt10">Share of relevant documents in the top 10.</param>
public sealed record RetrievalEvaluation(string Name, double MrrAt10, double NdcgAt10, double RecallAt1, double RecallAt5, double RecallAt10);
