namespace LossGen.Backbones;

/// <summary>The precision of the encoder's projections and feed-forward matrix products.</summary>
public enum MatmulPrecision
{
    /// <summary>float32 throughout: the results sentence-transformers gives (the default).</summary>
    Float32,

    /// <summary>
    /// Mixed precision: the linear layers multiply in bfloat16 (inputs and weights rounded to bfloat16, products
    /// accumulated in float32) and hand float32 on; weights, gradients, optimizer, LayerNorm, softmax and the loss stay
    /// float32. In inference (no gradients) attention's two products run in bfloat16 as well. On CPUs with AVX512-BF16 or AMX, and on CUDA GPUs, the products run several times faster; the
    /// embeddings differ from float32's by bfloat16's rounding (about 1e-2 relative).
    /// </summary>
    BFloat16,
}
