using System;

namespace LossGen;

/// <summary>Traits of a loss that wrappers and analyzers reason about.</summary>
[Flags]
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum LossTraits
{
    /// <summary>No trait.</summary>
    None = 0,

    /// <summary>Computes embeddings with GradCache (<see cref="T:LossGen.GradientCacheAttribute"/>).</summary>
    GradientCached = 1,

    /// <summary>Wraps another loss (<see cref="T:LossGen.WrapsAttribute"/>).</summary>
    Wrapper = 2,

    /// <summary>Owns trainable parameters (a classifier, a learnable scale).</summary>
    OwnsParameters = 4,

    /// <summary>Uses a guide model's embeddings.</summary>
    Guided = 8,

    /// <summary>
    /// The loss trains an independent copy of the model (<c>[TrainsModelCopy]</c>). Over a one-column input kind both
    /// copies embed that column, so its embedding batch holds two columns: the copy's, then the model's.
    /// </summary>
    ModelCopy = 16,
}
