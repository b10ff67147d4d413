using LossGen;

namespace CustomLoss;

/// <summary>
/// A loss the catalogue does not have, in a few lines: batch-hard triplet mining with cosine distance and a soft
/// margin. The generator writes its constructor, validation, collation and TorchSharp forward.
/// </summary>
[Loss]
[RequiresInput(InputKind.LabeledText)]
[Pairing(Pairing.BatchHard)]
[Objective(Objective.SoftMargin)]
public sealed partial class CosineBatchHardSoftMarginLoss
{
    /// <summary>The distance between embeddings; cosine by default.</summary>
    [Distance(BatchDistanceMetric.Cosine)]
    public partial BatchDistanceMetric DistanceMetric { get; }
}
