namespace LossGen;

/// <summary>Pairing and mining strategies of the DSL.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum Pairing
{
    /// <summary>Row i of one column against row i of another.</summary>
    Pairwise,

    /// <summary>Each anchor against every candidate of the batch (MultipleNegativesRankingLoss).</summary>
    InBatchNegatives,

    /// <summary>In-batch negatives in both directions: anchors against candidates and positives against anchors.</summary>
    SymmetricInBatchNegatives,

    /// <summary>Every valid (anchor, positive, negative) triplet of a labelled batch.</summary>
    BatchAll,

    /// <summary>The hardest positive and hardest negative of each anchor.</summary>
    BatchHard,

    /// <summary>FaceNet semi-hard negatives: the closest negative farther than the positive.</summary>
    BatchSemiHard,

    /// <summary>Anchor against its own positive and its own negative.</summary>
    Triplet,

    /// <summary>Each column against the label (a target embedding).</summary>
    Target,

    /// <summary>In-batch negatives where a frozen guide model masks the candidates it finds as similar as the positive (GISTEmbedLoss).</summary>
    GuidedInBatchNegatives,

    /// <summary>Each query against its own list of documents, all scored (listwise rerankers).</summary>
    Listwise,
}
