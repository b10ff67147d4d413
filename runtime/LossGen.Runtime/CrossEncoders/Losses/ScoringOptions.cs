namespace LossGen.CrossEncoders.Losses;

/// <summary>How a cross-encoder loss asks its model for logits.</summary>
/// <param name="MiniBatchSize">
/// Listwise losses: pairs scored per model call; <c>null</c> means the number of queries and a value ≤ 0 all pairs at
/// once (sentence-transformers' <c>mini_batch_size</c>). The result does not depend on it, only memory does.
/// </param>
/// <param name="NumNegatives">In-batch negatives drawn per row; <c>null</c> takes every valid one (<c>num_negatives</c>).</param>
public sealed record ScoringOptions(int? MiniBatchSize = null, int? NumNegatives = null);
