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

    /// <summary>
    /// <c>labeled-list</c>: (anchor, [positive, negatives…], labels) rows, one per pair that kept a negative, the labels
    /// 1 then 0s: the data of the listwise cross-encoder losses (LambdaLoss, ListNetLoss, …).
    /// </summary>
    LabeledList,
}
