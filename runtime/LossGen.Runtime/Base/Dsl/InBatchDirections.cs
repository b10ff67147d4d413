using System;

namespace LossGen;

/// <summary>
/// The similarity blocks MultipleNegativesRankingLoss puts in each query's partition function (sentence-transformers'
/// <c>directions</c>, v5.3); <see cref="QueryToDoc"/>, which holds the positive, is required. A set of flags, as the
/// reference's tuple is a set: the blocks are always built in the order below.
/// </summary>
[Flags]
public enum InBatchDirections
{
    /// <summary>Query i against every document of the batch: positives, then each hard-negative column.</summary>
    [PythonName("query_to_doc")]
    QueryToDoc = 1,

    /// <summary>Query i against every other query.</summary>
    [PythonName("query_to_query")]
    QueryToQuery = 2,

    /// <summary>Query i's positive against every query (its diagonal is the positive logit again).</summary>
    [PythonName("doc_to_query")]
    DocToQuery = 4,

    /// <summary>Query i's positive against every document but query i's own.</summary>
    [PythonName("doc_to_doc")]
    DocToDoc = 8,
}
