using System;

namespace LossGen;

/// <summary>
/// The similarity blocks MultipleNegativesRankingLoss puts in each query's partition function (sentence-transformers'
/// <c>directions</c>, v5.3); <see cref="QueryToDoc"/>, which holds the positive, is required. A set of flags, as the
/// reference's tuple is a set: the blocks are always built in the order below.
/// </summary>
[Flags]
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum InBatchDirections
{
    /// <summary>Query i against every document of the batch: positives, then each hard-negative column.</summary>
    QueryToDoc = 1,

    /// <summary>Query i against every other query.</summary>
    QueryToQuery = 2,

    /// <summary>Query i's positive against every query (its diagonal is the positive logit again).</summary>
    DocToQuery = 4,

    /// <summary>Query i's positive against every document but query i's own.</summary>
    DocToDoc = 8,
}
