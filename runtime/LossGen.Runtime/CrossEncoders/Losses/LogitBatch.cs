using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// The logits a cross-encoder loss computes its value from, laid out by the loss's pairing, before its activation:
/// row-wise pairs <c>[B, columns − 1, num_labels]</c> (one column per candidate column); in-batch negatives
/// <c>[B, 1 + negatives]</c>, the positive first; listwise <c>[B, max_docs]</c> with <paramref name="Mask"/> marking
/// real documents (padding holds 0).
/// </summary>
/// <param name="Logits">The logits.</param>
/// <param name="Labels">The labels in the same layout (listwise: 0 at padding); <c>null</c> where the loss reads none.</param>
/// <param name="Mask">For listwise losses, which entries are real documents.</param>
public sealed record LogitBatch(Tensor Logits, Tensor? Labels = null, Tensor? Mask = null);
