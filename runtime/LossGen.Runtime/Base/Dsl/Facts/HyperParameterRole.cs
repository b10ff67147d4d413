namespace LossGen;

/// <summary>What a hyper-parameter means to the DSL: the role attribute on its property.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum HyperParameterRole
{
    /// <summary>A hyper-parameter the grammar does not read (<c>[HyperParameter]</c>).</summary>
    Plain,

    /// <summary>A non-negative margin (<c>[Margin]</c>).</summary>
    Margin,

    /// <summary>A positive inverse temperature that multiplies scores (<c>[Scale]</c>).</summary>
    Scale,

    /// <summary>A positive temperature that divides scores (<c>[Temperature]</c>).</summary>
    Temperature,

    /// <summary>A positive number of rows embedded or scored at once (<c>[MiniBatchSize]</c>).</summary>
    MiniBatchSize,

    /// <summary>A <see cref="SimilarityFunction"/> (<c>[Similarity]</c>).</summary>
    Similarity,

    /// <summary>A distance metric (<c>[Distance]</c>).</summary>
    Distance,
}
