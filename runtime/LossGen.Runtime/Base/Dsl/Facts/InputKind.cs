namespace LossGen;

/// <summary>The shapes of training data in the sentence-transformers loss overview, each with a typed example record.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum InputKind
{
    /// <summary>A single text, no label (<see cref="T:LossGen.TextExample"/>).</summary>
    Text,

    /// <summary>A single text with an integer class label (<see cref="T:LossGen.LabeledTextExample"/>).</summary>
    LabeledText,

    /// <summary>An (anchor, positive) pair, no label (<see cref="T:LossGen.PairExample"/>).</summary>
    Pair,

    /// <summary>A pair with a float similarity score (<see cref="T:LossGen.ScoredPairExample"/>).</summary>
    ScoredPair,

    /// <summary>A pair with a 0/1 label: 1 similar, 0 dissimilar (<see cref="T:LossGen.BinaryLabeledPairExample"/>).</summary>
    BinaryLabeledPair,

    /// <summary>A pair with an integer class label, such as NLI (<see cref="T:LossGen.LabeledPairExample"/>).</summary>
    LabeledPair,

    /// <summary>An (anchor, positive, negative) triplet, no label (<see cref="T:LossGen.TripletExample"/>).</summary>
    Triplet,

    /// <summary>An anchor, a positive and zero or more negatives, no label (<see cref="T:LossGen.AnchorPositiveNegativesExample"/>).</summary>
    AnchorPositiveNegatives,

    /// <summary>A query, passages and teacher scores or margins (<see cref="T:LossGen.QueryPassagesExample"/>).</summary>
    QueryPassagesWithTeacherScores,

    /// <summary>One or more texts with a teacher's target embedding (<see cref="T:LossGen.TargetEmbeddingExample"/>).</summary>
    TextWithTargetEmbedding,

    /// <summary>A query with its documents and one label per document, for listwise rerankers (<see cref="T:LossGen.QueryDocumentsExample"/>).</summary>
    QueryDocuments,

    /// <summary>One or more texts of any roles, no label: a regulariser over each column's embeddings (GlobalOrthogonalRegularizationLoss).</summary>
    Texts,

    /// <summary>
    /// A pair with a float score (<see cref="T:LossGen.ScoredPairExample"/>), or an (anchor, positive, negatives…)
    /// n-tuple with an optional score per row (<see cref="T:LossGen.TripletExample"/>,
    /// <see cref="T:LossGen.AnchorPositiveNegativesExample"/>): AnglELoss since sentence-transformers v5.3.
    /// </summary>
    ScoredPairOrTuple,
}
