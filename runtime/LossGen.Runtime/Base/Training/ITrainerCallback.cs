using System.Collections.Generic;

namespace LossGen.Training;

/// <summary>
/// Sees a training run as it goes (transformers' <c>TrainerCallback</c>): a progress bar, a logger, an early stop.
/// Every method has an empty default, so a callback implements only what it needs. Callbacks run on the training
/// thread between steps; the time they take is not spent training.
/// </summary>
public interface ITrainerCallback
{
    /// <summary>Before the first step (also when resuming: <paramref name="state"/> then counts the steps done).</summary>
    void OnTrainBegin(TrainerState state)
    {
    }

    /// <summary>After each optimizer step.</summary>
    void OnStepEnd(TrainerState state, StepReport report)
    {
    }

    /// <summary>
    /// Every <see cref="TrainingArguments.LoggingSteps"/> steps and after the last: <c>loss</c> (the mean over the steps
    /// since the previous log), <c>grad_norm</c>, <c>learning_rate</c> and <c>epoch</c>, as transformers logs them.
    /// </summary>
    void OnLog(TrainerState state, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>After an evaluation, with the evaluator's metrics.</summary>
    void OnEvaluate(TrainerState state, IReadOnlyDictionary<string, double> metrics)
    {
    }

    /// <summary>After a checkpoint was written to <paramref name="checkpointDirectory"/>.</summary>
    void OnSave(TrainerState state, string checkpointDirectory)
    {
    }

    /// <summary>After the last step.</summary>
    void OnTrainEnd(TrainerState state)
    {
    }
}
