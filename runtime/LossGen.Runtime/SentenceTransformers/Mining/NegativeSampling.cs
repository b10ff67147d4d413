namespace LossGen.SentenceTransformers.Mining;

/// <summary>How <see cref="HardNegativeMining"/> picks negatives among the candidates left after filtering (<c>sampling_strategy</c>).</summary>
public enum NegativeSampling
{
    /// <summary><c>top</c>: the highest-scoring candidates.</summary>
    Top,

    /// <summary><c>random</c>: a seeded random choice among the remaining candidates, reported best first.</summary>
    Random,
}
