namespace LossGen;

/// <summary>What the label tensor of a batch holds.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum LabelKind
{
    /// <summary>No label; any given label is ignored.</summary>
    None,

    /// <summary>Integer class ids (int64).</summary>
    ClassId,

    /// <summary>0/1 labels.</summary>
    Binary,

    /// <summary>A float score per row.</summary>
    Score,

    /// <summary>A float vector per row (teacher margins or scores).</summary>
    ScoreVector,

    /// <summary>A target embedding per row.</summary>
    Embedding,

    /// <summary>A list of float labels per row, one per document (listwise rerankers).</summary>
    ScoreList,
}
