using LossGen.Evaluation;

namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>An evaluator of sentence-transformers (bi-encoders), as the <see cref="SentenceTransformerTrainer"/> runs it.</summary>
public interface ISentenceEvaluator : IEvaluator<SentenceTransformer>
{
}
