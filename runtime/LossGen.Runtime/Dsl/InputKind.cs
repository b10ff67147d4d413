namespace LossGen;

/// <summary>The shapes of training data in the sentence-transformers loss overview, each with a typed example record.</summary>
public enum InputKind
{
    /// <summary>A single text, no label (<see cref="TextExample"/>).</summary>
    Text,

    /// <summary>A single text with an integer class label (<see cref="LabeledTextExample"/>).</summary>
    LabeledText,

    /// <summary>An (anchor, positive) pair, no label (<see cref="PairExample"/>).</summary>
    Pair,

    /// <summary>A pair with a float similarity score (<see cref="ScoredPairExample"/>).</summary>
    ScoredPair,

    /// <summary>A pair with a 0/1 label: 1 similar, 0 dissimilar (<see cref="BinaryLabeledPairExample"/>).</summary>
    BinaryLabeledPair,

    /// <summary>A pair with an integer class label, such as NLI (<see cref="LabeledPairExample"/>).</summary>
    LabeledPair,

    /// <summary>An (anchor, positive, negative) triplet, no label (<see cref="TripletExample"/>).</summary>
    Triplet,

    /// <summary>An anchor, a positive and zero or more negatives, no label (<see cref="AnchorPositiveNegativesExample"/>).</summary>
    AnchorPositiveNegatives,

    /// <summary>A query, passages and teacher scores or margins (<see cref="QueryPassagesExample"/>).</summary>
    QueryPassagesWithTeacherScores,

    /// <summary>One or more texts with a teacher's target embedding (<see cref="TargetEmbeddingExample"/>).</summary>
    TextWithTargetEmbedding,
}
