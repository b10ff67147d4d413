namespace LossGen.SentenceTransformers.Mining;

/// <summary>The shape of the dataset <see cref="HardNegativeMining"/> returns (<c>output_format</c>).</summary>
public enum MinedOutputFormat
{
    /// <summary><c>triplet</c>: one (anchor, positive, negative) row per mined negative.</summary>
    Triplet,

    /// <summary><c>n-tuple</c>: one (anchor, positive, negative_1, …, negative_n) row per pair that got all n negatives.</summary>
    NTuple,

    /// <summary><c>labeled-pair</c>: (anchor, positive, label) rows, 1 for each positive and 0 for each mined negative.</summary>
    LabeledPair,
}
