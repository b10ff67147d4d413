using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using LossGen.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Training;

/// <summary>
/// A resumable snapshot of any family's run, as transformers' trainer writes one: the model folder (in the family's
/// format), the losses' own parameters, AdamW's moments, the step count and the random state. Written into a staging
/// folder and renamed into place, so a run killed while saving leaves the previous checkpoint intact.
/// </summary>
public static class RunCheckpoint
{
    /// <summary>The subfolder holding the model, in its family's folder format.</summary>
    public const string ModelFolderName = "model";

    /// <summary>The file that marks a folder as a checkpoint.</summary>
    public const string StateFile = "trainer_state.json";

    private const string LossParametersFile = "loss_parameters.safetensors";
    private const string OptimizerFile = "optimizer.safetensors";

    /// <summary>Saves <paramref name="trainer"/>'s state to <paramref name="directory"/>; <paramref name="saveModel"/> writes the model into the folder it is given.</summary>
    public static void Save<TModel, TLoss, TBatch>(TrainerCore<TModel, TLoss, TBatch> trainer, string directory, Action<string> saveModel)
        where TModel : nn.Module
        where TLoss : nn.Module
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(saveModel);
        AtomicDirectory.Write(directory, staging =>
        {
            saveModel(Path.Combine(staging, ModelFolderName));
            Dictionary<string, Tensor> lossParameters = LossParameters(trainer).ToDictionary(p => p.Name, p => (Tensor)p.Parameter);
            if (lossParameters.Count > 0)
            {
                SafeTensors.Save(Path.Combine(staging, LossParametersFile), lossParameters);
            }

            (Dictionary<string, Tensor> moments, int step) = trainer.Optimizer.GetState();
            SafeTensors.Save(Path.Combine(staging, OptimizerFile), moments);
            IReadOnlyList<byte[]> generators = trainer.GeneratorStatesToSave ?? Distributed.GeneratorStates.Gather(group: null);
            var state = new CheckpointState(step, trainer.TotalSteps, Convert.ToBase64String(generators[0]))
            {
                RankRandomStates = generators.Count > 1 ? [.. generators.Select(Convert.ToBase64String)] : null,
            };
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
        return File.Exists(Path.Combine(root, StateFile))
            ? root
            : CheckpointFolders.NewestFirst(root).FirstOrDefault(c => File.Exists(Path.Combine(c, StateFile)));
    }

    /// <summary>Restores the losses' parameters, the optimizer, the step count and the random state into <paramref name="trainer"/>.</summary>
    public static void Restore<TModel, TLoss, TBatch>(TrainerCore<TModel, TLoss, TBatch> trainer, string directory)
        where TModel : nn.Module
        where TLoss : nn.Module
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

        using Tensor random = tensor(Convert.FromBase64String(GeneratorState(state, trainer.ProcessGroup, root)), dtype: ScalarType.Byte);
        set_rng_state(random);
    }

    // Each rank's own generator when the checkpoint was written by as many ranks; otherwise rank 0's on every rank, as
    // transformers does (the run goes on, but no longer repeats the uninterrupted one draw for draw).
    private static string GeneratorState(CheckpointState state, Distributed.IProcessGroup? group, string root)
    {
        int rank = group?.Rank ?? 0, size = group?.Size ?? 1;
        int saved = state.RankRandomStates?.Length ?? 1;
        if (saved == size)
        {
            return state.RankRandomStates?[rank] ?? state.RandomState;
        }

        if (rank == 0)
        {
            Diagnostics.LossGenLogging.LoggerFactory.CreateLogger(typeof(RunCheckpoint).FullName!).LogWarning(
                "The checkpoint in {Checkpoint} was written by {Saved} process(es) and is resumed by {Size}: every rank takes rank 0's random state, so dropout draws no longer repeat the interrupted run's.",
                root, saved, size);
        }

        return state.RandomState;
    }

    /// <summary>Copies <paramref name="saved"/>'s weights into <paramref name="target"/>, refusing a model of another shape; <paramref name="root"/> names the checkpoint.</summary>
    public static void CopyWeights(nn.Module saved, nn.Module target, string root)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(target);
        using var noGrad = no_grad();
        var into = target.state_dict();
        foreach ((string name, Tensor value) in saved.state_dict())
        {
            if (!into.TryGetValue(name, out Tensor? weight) || !weight.shape.SequenceEqual(value.shape))
            {
                throw new InvalidOperationException($"The model in {root} does not match the trained model: {name} {(weight is null ? "is not among its weights" : $"has shape [{string.Join(", ", value.shape)}], not [{string.Join(", ", weight.shape)}]")}.");
            }

            weight.copy_(value);
        }
    }

    private static IEnumerable<(string Name, TorchSharp.Modules.Parameter Parameter)> LossParameters<TModel, TLoss, TBatch>(TrainerCore<TModel, TLoss, TBatch> trainer)
        where TModel : nn.Module
        where TLoss : nn.Module =>
        trainer.Losses.SelectMany((loss, i) => loss.named_parameters().Select(p => ($"loss{i}.{p.name}", p.parameter)));

    private static void DisposeAll(Dictionary<string, Tensor> tensors)
    {
        foreach (Tensor tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }

    private sealed record CheckpointState(int Step, int TotalSteps, string RandomState)
    {
        // One per rank of a data-parallel run (RandomState is rank 0's); absent for one process.
        public string[]? RankRandomStates { get; init; }
    }
}
