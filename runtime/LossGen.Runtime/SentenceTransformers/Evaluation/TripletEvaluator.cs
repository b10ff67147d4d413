using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>sentence-transformers' TripletEvaluator: the share of triplets whose anchor is closer (cosine) to the positive than to the negative.</summary>
/// <param name="Anchors">The anchors.</param>
/// <param name="Positives">A text similar to each anchor.</param>
/// <param name="Negatives">A text dissimilar to each anchor.</param>
/// <param name="Name">A name for reports.</param>
public sealed record TripletEvaluator(IReadOnlyList<string> Anchors, IReadOnlyList<string> Positives, IReadOnlyList<string> Negatives, string Name = "") : ISentenceEvaluator
{
    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, "cosine_accuracy");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(SentenceTransformer model) => new Dictionary<string, double> { [PrimaryMetric] = Evaluate(model) };

    /// <summary>The accuracy, in [0, 1].</summary>
    public double Evaluate(SentenceTransformer model, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Anchors.Count == 0 || Anchors.Count != Positives.Count || Anchors.Count != Negatives.Count)
        {
            throw new ArgumentException($"TripletEvaluator {Name}: {Anchors.Count} anchors, {Positives.Count} positives and {Negatives.Count} negatives.");
        }

        using var scope = NewDisposeScope();
        Tensor anchors = model.Embed(Anchors, batchSize);
        Tensor closer = Similarities.PairwiseCosSim(anchors, model.Embed(Positives, batchSize)).gt(Similarities.PairwiseCosSim(anchors, model.Embed(Negatives, batchSize)));
        return closer.to(ScalarType.Float64).mean().item<double>();
    }
}
