using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Mining;

/// <summary>
/// Adds hard negatives to a dataset of (anchor, positive) pairs as <c>sentence_transformers.util.mine_hard_negatives</c>
/// does: anchors and candidates (the positives plus an optional corpus, both de-duplicated in first-seen order) are
/// embedded and L2-normalised, every anchor is scored against every candidate with the model's similarity, the
/// <c>range_max</c> best candidates are kept, the anchor's own positives are removed, then the margin and score filters,
/// <c>range_min</c>, and the sampling strategy choose the negatives.
/// </summary>
/// <remarks>
/// Rows come out grouped by anchor in first-seen order, as the reference's. Two deliberate differences: the margin
/// filters compare with the lowest score among the anchor's own positives (the reference's running offset picks another
/// anchor's positives when anchors have different numbers of them), and <see cref="NegativeSampling.Random"/> draws with
/// .NET's seeded <see cref="Random"/>, not Python's <c>random</c>.
/// </remarks>
public static class HardNegativeMining
{
    /// <summary>Mines with <paramref name="model"/>'s embeddings and similarity.</summary>
    public static SentenceDataset Mine(SentenceDataset dataset, SentenceTransformer model, HardNegativeMiningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Mine(dataset, texts => model.Embed(texts), model.Similarity, options);
    }

    /// <summary>Mines with any embedding function and similarity (<paramref name="similarity"/> gets normalised embeddings).</summary>
    public static SentenceDataset Mine(SentenceDataset dataset, Func<IReadOnlyList<string>, Tensor> embed, Func<Tensor, Tensor, Tensor> similarity, HardNegativeMiningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(embed);
        ArgumentNullException.ThrowIfNull(similarity);
        options ??= new HardNegativeMiningOptions();
        Validate(options);
        string anchorColumn = options.AnchorColumn ?? Column(dataset, 0);
        string positiveColumn = options.PositiveColumn ?? Column(dataset, 1);
        string[] anchors = Texts(dataset, anchorColumn);
        string[] positives = Texts(dataset, positiveColumn);

        string[] queries = anchors.Distinct(StringComparer.Ordinal).ToArray();
        string[] corpus = (options.Corpus ?? []).Concat(positives).Distinct(StringComparer.Ordinal).ToArray();
        var corpusIndex = corpus.Select((text, i) => (text, i)).ToDictionary(p => p.text, p => p.i, StringComparer.Ordinal);
        var queryIndex = queries.Select((text, i) => (text, i)).ToDictionary(p => p.text, p => p.i, StringComparer.Ordinal);
        var positivesOf = queries.Select(_ => new List<int>()).ToArray();
        for (int row = 0; row < anchors.Length; row++)
        {
            positivesOf[queryIndex[anchors[row]]].Add(corpusIndex[positives[row]]);
        }

        int maxPositives = positivesOf.Max(p => p.Count);
        bool filters = options.AbsoluteMargin is not null || options.RelativeMargin is not null || options.MaxScore is not null;
        int rangeMax = options.RangeMax ?? options.RangeMin + (options.NumNegatives * (filters ? 10 : 1)) + maxPositives;

        double[,] scores = Scores(queries, corpus, embed, similarity);
        var random = new Random(options.Seed);
        var negativesOf = new List<(int Candidate, double Score)>[queries.Length];
        var positiveScores = new double[queries.Length][];
        for (int q = 0; q < queries.Length; q++)
        {
            List<(int Candidate, double Score)> pool = Pool(q, scores, rangeMax + maxPositives);
            positiveScores[q] = positivesOf[q].Select(p => scores[q, p]).ToArray();
            if (options.Rescore is { } rescore && filters)
            {
                // mine_hard_negatives(cross_encoder=…): the candidates and the positives are scored again, and the
                // margins, the score cap and the ranking of the candidates then use those scores.
                pool = Rescored(rescore, queries[q], pool.Select(c => c.Candidate).ToArray(), corpus);
                positiveScores[q] = rescore(positivesOf[q].Select(p => (queries[q], corpus[p])).ToArray()).ToArray();
            }

            negativesOf[q] = Negatives(pool, positivesOf[q], positiveScores[q].Min(), rangeMax, options, random);
        }

        return Output(dataset.Source, anchorColumn, positiveColumn, queries, corpus, positivesOf, positiveScores, negativesOf, options);
    }

    // One anchor's negatives, best first; a slot whose candidate was filtered out is absent (the reference's −inf).
    // The range_max + max_positives best candidates of query q, best first (the reference's top-k before filtering).
    private static List<(int Candidate, double Score)> Pool(int q, double[,] scores, int size) => Enumerable.Range(0, scores.GetLength(1))
        .OrderByDescending(c => scores[q, c]).ThenBy(c => c)
        .Take(Math.Min(size, scores.GetLength(1)))
        .Select(c => (c, scores[q, c]))
        .ToList();

    private static List<(int Candidate, double Score)> Rescored(Func<IReadOnlyList<(string Query, string Document)>, IReadOnlyList<double>> rescore, string query, int[] candidates, string[] corpus)
    {
        IReadOnlyList<double> scores = rescore(candidates.Select(c => (query, corpus[c])).ToArray());
        if (scores.Count != candidates.Length)
        {
            throw new InvalidOperationException($"HardNegativeMiningOptions.Rescore returned {scores.Count} scores for {candidates.Length} pairs.");
        }

        return candidates.Select((c, i) => (c, scores[i])).OrderByDescending(c => c.Item2).ThenBy(c => c.c).ToList();
    }

    // One anchor's negatives, best first; a slot whose candidate was filtered out is absent (the reference's −inf).
    private static List<(int Candidate, double Score)> Negatives(List<(int Candidate, double Score)> pool, List<int> own, double lowestPositive, int rangeMax, HardNegativeMiningOptions options, Random random)
    {
        // The reference removes positives and filtered candidates from the pool, then takes range_max of what is left.
        var candidates = pool
            .Where(c => !own.Contains(c.Candidate))
            .Where(c => options.AbsoluteMargin is not double margin || !(c.Score + margin > lowestPositive))
            .Where(c => options.RelativeMargin is not double relative || !(c.Score > lowestPositive * (1 - relative)))
            .Where(c => options.MaxScore is not double max || !(c.Score > max))
            .Where(c => options.MinScore is not double min || !(c.Score < min))
            .Take(rangeMax)
            .Skip(options.RangeMin)
            .ToList();
        if (options.SamplingStrategy == NegativeSampling.Top)
        {
            return candidates.Take(options.NumNegatives).ToList();
        }

        return candidates.OrderBy(_ => random.Next()).Take(options.NumNegatives).OrderByDescending(c => c.Score).ThenBy(c => c.Candidate).ToList();
    }

    private static SentenceDataset Output(string source, string anchorColumn, string positiveColumn, string[] queries, string[] corpus, List<int>[] positivesOf, double[][] positiveScores, List<(int Candidate, double Score)>[] negativesOf, HardNegativeMiningOptions options)
    {
        var rows = new List<object?[]>();
        string[] columns;
        bool scores = options.OutputScores;

        // The positive's score then the negatives', as output_scores writes them.
        double[] Scores(int q, int positive, IEnumerable<(int Candidate, double Score)> negatives) => [positiveScores[q][positive], .. negatives.Select(n => n.Score)];
        switch (options.OutputFormat)
        {
            case MinedOutputFormat.Triplet:
                columns = scores ? [anchorColumn, positiveColumn, "negative", "scores"] : [anchorColumn, positiveColumn, "negative"];
                for (int q = 0; q < queries.Length; q++)
                {
                    rows.AddRange(positivesOf[q].SelectMany((p, i) => negativesOf[q].Select(n => scores
                        ? new object?[] { queries[q], corpus[p], corpus[n.Candidate], Scores(q, i, [n]) }
                        : new object?[] { queries[q], corpus[p], corpus[n.Candidate] })));
                }

                break;
            case MinedOutputFormat.NTuple:
                columns = [anchorColumn, positiveColumn, .. Enumerable.Range(1, options.NumNegatives).Select(i => $"negative_{i}"), .. scores ? ["scores"] : Array.Empty<string>()];
                for (int q = 0; q < queries.Length; q++)
                {
                    if (negativesOf[q].Count == options.NumNegatives)
                    {
                        rows.AddRange(positivesOf[q].Select((p, i) => new object?[] { queries[q], corpus[p] }
                            .Concat(negativesOf[q].Select(n => (object?)corpus[n.Candidate]))
                            .Concat(scores ? [Scores(q, i, negativesOf[q])] : Array.Empty<object?>()).ToArray()));
                    }
                }

                break;
            case MinedOutputFormat.LabeledList:
                columns = [anchorColumn, positiveColumn, scores ? "scores" : "labels"];
                for (int q = 0; q < queries.Length; q++)
                {
                    if (negativesOf[q].Count > 0)
                    {
                        double[] labels = [1, .. negativesOf[q].Select(_ => 0.0)];
                        rows.AddRange(positivesOf[q].Select((p, i) => new object?[] { queries[q], new[] { corpus[p] }.Concat(negativesOf[q].Select(n => corpus[n.Candidate])).ToArray(), scores ? Scores(q, i, negativesOf[q]) : labels }));
                    }
                }

                break;
            default:
                columns = [anchorColumn, positiveColumn, scores ? "score" : "label"];
                for (int q = 0; q < queries.Length; q++)
                {
                    rows.AddRange(positivesOf[q].Select((p, i) => new object?[] { queries[q], corpus[p], scores ? (object)positiveScores[q][i] : 1L }));
                    rows.AddRange(negativesOf[q].Select(n => new object?[] { queries[q], corpus[n.Candidate], scores ? (object)n.Score : 0L }));
                }

                break;
        }

        return rows.Count > 0
            ? new SentenceDataset($"hard negatives mined from {source}", columns, rows)
            : throw new InvalidOperationException($"No negatives could be mined from {source}: every candidate was filtered out; loosen the margins or scores, or widen RangeMax.");
    }

    private static double[,] Scores(string[] queries, string[] corpus, Func<IReadOnlyList<string>, Tensor> embed, Func<Tensor, Tensor, Tensor> similarity)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor q = nn.functional.normalize(embed(queries), p: 2, dim: 1);
        Tensor c = nn.functional.normalize(embed(corpus), p: 2, dim: 1);
        Tensor matrix = similarity(q, c).to(ScalarType.Float64).cpu();
        double[] flat = matrix.data<double>().ToArray();
        var scores = new double[queries.Length, corpus.Length];
        Buffer.BlockCopy(flat, 0, scores, 0, flat.Length * sizeof(double));
        return scores;
    }

    private static void Validate(HardNegativeMiningOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumNegatives, 1, nameof(options.NumNegatives));
        ArgumentOutOfRangeException.ThrowIfNegative(options.RangeMin, nameof(options.RangeMin));
        if (options.RangeMax is int max && max <= options.RangeMin)
        {
            throw new ArgumentOutOfRangeException(nameof(options), max, $"RangeMax ({max}) must exceed RangeMin ({options.RangeMin}).");
        }
    }

    private static string Column(SentenceDataset dataset, int index) => dataset.Columns.Count > index
        ? dataset.Columns[index]
        : throw new ArgumentException($"{dataset.Source} has {dataset.Columns.Count} column(s); mining needs (anchor, positive) columns.", nameof(dataset));

    private static string[] Texts(SentenceDataset dataset, string column) => Enumerable.Range(0, dataset.Count)
        .Select(row => dataset[row, column] as string ?? throw new FormatException($"{dataset.Source}: row {row}, column '{column}' is not a text."))
        .ToArray();
}
