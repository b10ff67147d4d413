using System;
using LossGen.Backbones;

namespace LossGen.Training;

/// <summary>A model's state for a training run: training mode and the speed settings the arguments ask of its backbone.</summary>
public static class TrainingMode
{
    /// <summary>
    /// Switches the model to training (<paramref name="setTraining"/>) and its backbone to the arguments' matmul precision
    /// and dropout sampler; disposing restores all three as they were.
    /// </summary>
    public static IDisposable Enter(EncoderModel backbone, TrainingArguments arguments, Action<bool> setTraining)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(setTraining);
        MatmulPrecision precision = backbone.MatmulPrecision;
        DropoutSampler sampler = backbone.DropoutSampler;
        if (arguments.Bf16)
        {
            backbone.MatmulPrecision = MatmulPrecision.BFloat16;
        }

        if (arguments.DropoutSampler != DropoutSampler.Libtorch)
        {
            backbone.DropoutSampler = arguments.DropoutSampler;
        }

        setTraining(true);
        return new ScopeExit(() =>
        {
            setTraining(false);
            backbone.MatmulPrecision = precision;
            backbone.DropoutSampler = sampler;
        });
    }
}
