using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Evaluation;

/// <summary>
/// sentence-transformers' EmbeddingSimilarityEvaluator: the Spearman and Pearson correlation between the cosine
/// similarity of each pair's embeddings and its gold score.
/// </summary>
/// <param name="Sentences1">The first sentence of each pair.</param>
/// <param name="Sentences2">The second sentence of each pair.</param>
/// <param name="Scores">The gold scores.</param>
/// <param name="Name">A name for reports, such as <c>sts-test</c>.</param>
public sealed record EmbeddingSimilarityEvaluator(IReadOnlyList<string> Sentences1, IReadOnlyList<string> Sentences2, IReadOnlyList<double> Scores, string Name = "") : ISentenceEvaluator
{
    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Prefixed(Name, "spearman_cosine");

    /// <inheritdoc />
    public string Description => "Semantic Similarity";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute(SentenceTransformer model)
    {
        SimilarityEvaluation result = Evaluate(model);
        return new Dictionary<string, double> { [MetricNames.Prefixed(Name, "pearson_cosine")] = result.Pearson, [PrimaryMetric] = result.Spearman };
    }

    /// <summary>Embeds every sentence and correlates cosine similarities with the scores.</summary>
    public SimilarityEvaluation Evaluate(SentenceTransformer model, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Sentences1.Count != Sentences2.Count || Sentences1.Count != Scores.Count)
        {
            throw new ArgumentException($"EmbeddingSimilarityEvaluator {Name}: {Sentences1.Count} first sentences, {Sentences2.Count} second sentences and {Scores.Count} scores.");
        }

        using var scope = NewDisposeScope();
        Tensor first = model.Embed(Sentences1, batchSize);
        Tensor second = model.Embed(Sentences2, batchSize);
        double[] cosine = Similarities.PairwiseCosSim(first, second).to(ScalarType.Float64).data<double>().ToArray();
        return new SimilarityEvaluation(Name, Correlation.Spearman(cosine, Scores), Correlation.Pearson(cosine, Scores));
    }
}
