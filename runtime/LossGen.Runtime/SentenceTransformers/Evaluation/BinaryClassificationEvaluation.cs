namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>The result of a <see cref="BinaryClassificationEvaluator"/>.</summary>
/// <param name="Name">The evaluator's name.</param>
/// <param name="Accuracy">The best accuracy over all thresholds.</param>
/// <param name="AccuracyThreshold">The cosine threshold giving it.</param>
/// <param name="F1">The best F1 over all thresholds.</param>
/// <param name="Precision">The precision at the best F1.</param>
/// <param name="Recall">The recall at the best F1.</param>
/// <param name="F1Threshold">The cosine threshold giving the best F1.</param>
/// <param name="AveragePrecision">scikit-learn's average precision of the scores (<c>cosine_ap</c>).</param>
/// <param name="Mcc">The Matthews correlation of the predictions at <paramref name="F1Threshold"/> (<c>cosine_mcc</c>).</param>
public sealed record BinaryClassificationEvaluation(string Name, double Accuracy, double AccuracyThreshold, double F1, double Precision, double Recall, double F1Threshold, double AveragePrecision, double Mcc);
