using System;
using System.Collections.Generic;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>
/// sentence-transformers' MSEEvaluator, for distillation: the mean squared error (×100) between a teacher's embeddings
/// of the source sentences and the student's embeddings of the target sentences (their translations, or the same
/// sentences), reported as <c>negative_mse</c> so that higher is better.
/// </summary>
/// <param name="SourceSentences">The sentences the teacher embeds.</param>
/// <param name="TargetSentences">The sentences the student embeds, one per source sentence.</param>
/// <param name="Teacher">The teacher model.</param>
/// <param name="Name">A name for reports.</param>
public sealed record MSEEvaluator(IReadOnlyList<string> SourceSentences, IReadOnlyList<string> TargetSentences, SentenceTransformer Teacher, string Name = "") : ISentenceEvaluator
{
    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, "negative_mse");

    /// <inheritdoc />
    public string Description => "Knowledge Distillation";

    /// <summary>The mean squared error between teacher and student embeddings, times 100.</summary>
    public double Evaluate(SentenceTransformer model, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (SourceSentences.Count == 0 || SourceSentences.Count != TargetSentences.Count)
        {
            throw new ArgumentException($"MSEEvaluator {Name}: {SourceSentences.Count} source and {TargetSentences.Count} target sentences.");
        }

        using var scope = NewDisposeScope();
        Tensor teacher = Teacher.Embed(SourceSentences, batchSize);
        Tensor student = model.Embed(TargetSentences, batchSize);
        if (teacher.shape[1] != student.shape[1])
        {
            throw new ArgumentException($"MSEEvaluator {Name}: the teacher's embeddings have {teacher.shape[1]} dimensions and the student's {student.shape[1]}.");
        }

        return teacher.sub(student).square().mean().item<float>() * 100.0;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(SentenceTransformer model) =>
        new Dictionary<string, double> { [PrimaryMetric] = -Evaluate(model) };
}
