using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Training;
using LossGen.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Training;

/// <summary>
/// A resumable snapshot of training: the model folder, the losses' own parameters, AdamW's moments, the step count and
/// the random state. Written into a staging folder and renamed into place, so a run killed while saving leaves the
/// previous checkpoint intact.
/// </summary>
public static class TrainingCheckpoint
{
    private const string ModelFolderName = "model";
    private const string LossParametersFile = "loss_parameters.safetensors";
    private const string OptimizerFile = "optimizer.safetensors";
    private const string StateFile = "trainer_state.json";

    /// <summary>Saves <paramref name="trainer"/>'s state to <paramref name="directory"/>, replacing any checkpoint there.</summary>
    public static void Save(SentenceTransformerTrainer trainer, string directory)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(directory);
        AtomicDirectory.Write(directory, staging =>
        {
            ModelFolder.Save(trainer.Model, Path.Combine(staging, ModelFolderName));
            Dictionary<string, Tensor> lossParameters = LossParameters(trainer).ToDictionary(p => p.Name, p => (Tensor)p.Parameter);
            if (lossParameters.Count > 0)
            {
                SafeTensors.Save(Path.Combine(staging, LossParametersFile), lossParameters);
            }

            (Dictionary<string, Tensor> moments, int step) = trainer.Optimizer.GetState();
            SafeTensors.Save(Path.Combine(staging, OptimizerFile), moments);
            using Tensor random = get_rng_state();
            var state = new CheckpointState(step, trainer.TotalSteps, Convert.ToBase64String(random.data<byte>().ToArray()));
            File.WriteAllText(Path.Combine(staging, StateFile), JsonSerializer.Serialize(state));
        });
    }

    /// <summary>
    /// The newest <c>checkpoint-{step}</c> folder in <paramref name="outputDir"/> (transformers' <c>get_last_checkpoint</c>),
    /// <paramref name="outputDir"/> itself when it is a checkpoint, or <c>null</c> when it holds none.
    /// </summary>
    public static string? GetLastCheckpoint(string outputDir)
    {
        ArgumentNullException.ThrowIfNull(outputDir);
        string root = Path.GetFullPath(outputDir);
        if (File.Exists(Path.Combine(root, StateFile)))
        {
            return root;
        }

        return CheckpointFolders.NewestFirst(root).FirstOrDefault(c => File.Exists(Path.Combine(c, StateFile)));
    }

    /// <summary>The model saved in a checkpoint; build the losses and trainer on it, then call <see cref="Restore"/>.</summary>
    public static SentenceTransformer LoadModel(string directory, Device? device = null) =>
        ModelFolder.Load(Path.Combine(Path.GetFullPath(directory), ModelFolderName), device);

    /// <summary>Restores the losses' parameters, the optimizer, the step count and the random state into <paramref name="trainer"/>.</summary>
    public static void Restore(SentenceTransformerTrainer trainer, string directory)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        string root = Path.GetFullPath(directory);
        CheckpointState state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(Path.Combine(root, StateFile)))
            ?? throw new InvalidDataException($"{root}/{StateFile} is empty.");
        if (state.TotalSteps != trainer.TotalSteps)
        {
            throw new InvalidOperationException($"The checkpoint in {root} was written by a run of {state.TotalSteps} steps; this trainer has {trainer.TotalSteps}.");
        }

        string lossFile = Path.Combine(root, LossParametersFile);
        var lossParameters = LossParameters(trainer).ToArray();
        if (lossParameters.Length > 0)
        {
            Dictionary<string, Tensor> saved = SafeTensors.Load(lossFile);
            try
            {
                using var noGrad = no_grad();
                foreach ((string name, TorchSharp.Modules.Parameter parameter) in lossParameters)
                {
                    parameter.copy_(saved.TryGetValue(name, out Tensor? value) ? value : throw new InvalidDataException($"{lossFile} has no {name}."));
                }
            }
            finally
            {
                DisposeAll(saved);
            }
        }

        Dictionary<string, Tensor> moments = SafeTensors.Load(Path.Combine(root, OptimizerFile));
        try
        {
            trainer.Optimizer.SetState(moments, state.Step);
        }
        finally
        {
            DisposeAll(moments);
        }

        using Tensor random = tensor(Convert.FromBase64String(state.RandomState), dtype: ScalarType.Byte);
        set_rng_state(random);
    }

    /// <summary>
    /// Loads the checkpoint's model weights into the trainer's model, then <see cref="Restore"/>s the rest: resuming a
    /// trainer built on the original model, as <c>trainer.train(resume_from_checkpoint=...)</c> does.
    /// </summary>
    public static void RestoreWithModel(SentenceTransformerTrainer trainer, string directory)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        string root = Path.GetFullPath(directory);
        using (SentenceTransformer saved = LoadModel(root, trainer.Model.Device))
        using (no_grad())
        {
            var target = trainer.Model.state_dict();
            foreach ((string name, Tensor value) in saved.state_dict())
            {
                if (!target.TryGetValue(name, out Tensor? into) || !into.shape.SequenceEqual(value.shape))
                {
                    throw new InvalidOperationException($"The model in {root} does not match the trained model: {name} {(into is null ? "is not among its weights" : $"has shape [{string.Join(", ", value.shape)}], not [{string.Join(", ", into.shape)}]")}.");
                }

                into.copy_(value);
            }
        }

        Restore(trainer, root);
    }

    private static IEnumerable<(string Name, TorchSharp.Modules.Parameter Parameter)> LossParameters(SentenceTransformerTrainer trainer) =>
        trainer.Losses.SelectMany((loss, i) => loss.named_parameters().Select(p => ($"loss{i}.{p.name}", p.parameter)));

    private static void DisposeAll(Dictionary<string, Tensor> tensors)
    {
        foreach (Tensor tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }

    private sealed record CheckpointState(int Step, int TotalSteps, string RandomState);
}
