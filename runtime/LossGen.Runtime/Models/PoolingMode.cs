namespace LossGen.Models;

/// <summary>How token embeddings become one sentence embedding (sentence-transformers' <c>Pooling</c> module).</summary>
public enum PoolingMode
{
    /// <summary>The mean over real (unmasked) tokens.</summary>
    Mean,

    /// <summary>The first token ([CLS]).</summary>
    Cls,

    /// <summary>The element-wise maximum over real tokens.</summary>
    Max,
}
