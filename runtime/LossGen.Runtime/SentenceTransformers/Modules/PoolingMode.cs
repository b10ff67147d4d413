namespace LossGen.SentenceTransformers.Modules;

/// <summary>How token embeddings are pooled into a sentence embedding (sentence-transformers' <c>Pooling</c> modes).</summary>
public enum PoolingMode
{
    /// <summary>Mean over the real (unmasked) tokens.</summary>
    Mean,

    /// <summary>The first token ([CLS]).</summary>
    Cls,

    /// <summary>Element-wise maximum over the real tokens.</summary>
    Max,

    /// <summary>Sum over the real tokens divided by the square root of their number.</summary>
    MeanSqrtLen,

    /// <summary>Mean weighted by position: token <c>i</c> (from 0) has weight <c>i + 1</c>.</summary>
    WeightedMean,

    /// <summary>The last real token.</summary>
    LastToken,
}
