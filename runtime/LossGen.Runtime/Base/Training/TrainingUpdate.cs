using System;
using System.Collections.Generic;

namespace LossGen.Training;

/// <summary>One optimizer step's batches, collated only when the step runs (a resumed run skips steps without tokenising them).</summary>
/// <param name="Epoch">The epoch reached after this step (fractional), or NaN for caller-formed batches.</param>
/// <param name="Batches">Each batch with the loss it is for; more than one with gradient accumulation.</param>
public sealed record TrainingUpdate<TLoss, TBatch>(double Epoch, IReadOnlyList<(TLoss Loss, Func<TBatch> Batch)> Batches)
{
    /// <summary>Whether this is the first update of an epoch, where the reference's DataLoader starts iterating.</summary>
    public bool BeginsEpoch { get; init; }
}
