namespace LossGen.Training;

/// <summary>Where a training run stands, as a callback sees it (transformers' <c>TrainerState</c>).</summary>
/// <param name="GlobalStep">Optimizer steps done.</param>
/// <param name="MaxSteps">Optimizer steps in all.</param>
/// <param name="Epoch">Epochs done, fractional: 1.5 is halfway through the second epoch; NaN when the caller forms the batches.</param>
/// <param name="Elapsed">Time since training started.</param>
public sealed record TrainerState(int GlobalStep, int MaxSteps, double Epoch, System.TimeSpan Elapsed);
