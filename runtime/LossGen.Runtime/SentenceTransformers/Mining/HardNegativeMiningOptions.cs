namespace LossGen.SentenceTransformers.Mining;

/// <summary>The parameters of <see cref="HardNegativeMining"/>, named and defaulted as <c>mine_hard_negatives</c>'s.</summary>
public sealed record HardNegativeMiningOptions
{
    /// <summary>The anchor column (<c>anchor_column_name</c>); <c>null</c> for the dataset's first column.</summary>
    public string? AnchorColumn { get; init; }

    /// <summary>The positive column (<c>positive_column_name</c>); <c>null</c> for the dataset's second column.</summary>
    public string? PositiveColumn { get; init; }

    /// <summary>Extra candidate texts besides the positives (<c>corpus</c>); the positives are always candidates.</summary>
    public System.Collections.Generic.IReadOnlyList<string>? Corpus { get; init; }

    /// <summary>Skip this many of the best candidates (<c>range_min</c>).</summary>
    public int RangeMin { get; init; }

    /// <summary>Consider at most this many candidates per anchor (<c>range_max</c>); <c>null</c> derives it as the reference does.</summary>
    public int? RangeMax { get; init; }

    /// <summary>Drop candidates scoring above this (<c>max_score</c>).</summary>
    public double? MaxScore { get; init; }

    /// <summary>Drop candidates scoring below this (<c>min_score</c>).</summary>
    public double? MinScore { get; init; }

    /// <summary>Drop candidates with <c>score + margin &gt; positive score</c> (<c>absolute_margin</c>).</summary>
    public double? AbsoluteMargin { get; init; }

    /// <summary>Drop candidates with <c>score &gt; positive score · (1 − margin)</c> (<c>relative_margin</c>).</summary>
    public double? RelativeMargin { get; init; }

    /// <summary>Negatives per anchor (<c>num_negatives</c>).</summary>
    public int NumNegatives { get; init; } = 3;

    /// <summary>How negatives are picked (<c>sampling_strategy</c>).</summary>
    public NegativeSampling SamplingStrategy { get; init; } = NegativeSampling.Top;

    /// <summary>The output shape (<c>output_format</c>).</summary>
    public MinedOutputFormat OutputFormat { get; init; } = MinedOutputFormat.Triplet;

    /// <summary>
    /// Add the mining model's scores (<c>output_scores</c>): a <c>scores</c> column of [positive, negative…] scores for
    /// triplets and n-tuples; for labeled pairs and lists the <c>score</c> / <c>scores</c> column replaces the 0/1 labels.
    /// </summary>
    public bool OutputScores { get; init; }

    /// <summary>
    /// Scores (query, document) pairs again, as <c>cross_encoder=</c> does: when a margin or <see cref="MaxScore"/> is
    /// set, the candidates and the positives are rescored (by a reranker:
    /// <c>pairs =&gt; reranker.Predict(pairs).Select(s =&gt; (double)s[0]).ToArray()</c>) and the filters and ranking use
    /// those scores; <c>null</c> keeps the embedding model's.
    /// </summary>
    public System.Func<System.Collections.Generic.IReadOnlyList<(string Query, string Document)>, System.Collections.Generic.IReadOnlyList<double>>? Rescore { get; init; }

    /// <summary>The seed of <see cref="NegativeSampling.Random"/>.</summary>
    public int Seed { get; init; }
}
