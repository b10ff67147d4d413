namespace LossGen;

/// <summary>
/// What sentence-transformers accepts of MultipleNegativesRankingLoss's <c>directions</c> and <c>partition_mode</c>, and
/// their Python spellings: the runtime refuses with it at construction, the analyzers at the call site (LG1014).
/// </summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
static class InBatchDirectionRules
{
    /// <summary>Why the reference refuses <paramref name="directions"/> with <paramref name="partitionMode"/>, or <c>null</c> when it accepts them.</summary>
    public static string? Refusal(InBatchDirections directions, PartitionMode partitionMode)
    {
        const InBatchDirections all = InBatchDirections.QueryToDoc | InBatchDirections.QueryToQuery | InBatchDirections.DocToQuery | InBatchDirections.DocToDoc;
        if (directions == 0 || (directions & ~all) != 0)
        {
            return "directions must be a non-empty set of InBatchDirections members";
        }

        if ((directions & InBatchDirections.QueryToDoc) == 0)
        {
            return "'query_to_doc' direction is required (it contains the positive pair)";
        }

        return partitionMode == PartitionMode.PerDirection && (directions & (InBatchDirections.QueryToQuery | InBatchDirections.DocToDoc)) != 0
            ? "partition_mode='per_direction' requires every direction's candidate pool to include the positive pair, and 'query_to_query' and 'doc_to_doc' never include it; use PartitionMode.Joint"
            : null;
    }

    /// <summary>The reference's spelling of one direction.</summary>
    public static string ToPythonName(this InBatchDirections direction) => direction switch
    {
        InBatchDirections.QueryToDoc => "query_to_doc",
        InBatchDirections.QueryToQuery => "query_to_query",
        InBatchDirections.DocToQuery => "doc_to_query",
        InBatchDirections.DocToDoc => "doc_to_doc",
        _ => direction.ToString(),
    };

    /// <summary>The reference's spelling of a partition mode.</summary>
    public static string ToPythonName(this PartitionMode mode) => mode == PartitionMode.PerDirection ? "per_direction" : "joint";
}
