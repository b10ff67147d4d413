using System;
using System.IO;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Training;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Training;

/// <summary>
/// A resumable snapshot of a sentence-transformer run (see <see cref="RunCheckpoint"/>): the model folder in
/// sentence-transformers' layout, the losses' own parameters, AdamW's moments, the step count and the random state.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>Saves <paramref name="trainer"/>'s state to <paramref name="directory"/>, replacing any checkpoint there.</summary>
    public static void Save(SentenceTransformerTrainer trainer, string directory)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        RunCheckpoint.Save(trainer, directory, folder => ModelFolder.Save(trainer.Model, folder));
    }

    /// <inheritdoc cref="RunCheckpoint.GetLastCheckpoint"/>
    public static string? GetLastCheckpoint(string outputDir) => RunCheckpoint.GetLastCheckpoint(outputDir);

    /// <summary>The model saved in a checkpoint; build the losses and trainer on it, then call <see cref="Restore"/>.</summary>
    public static SentenceTransformer LoadModel(string directory, Device? device = null) =>
        ModelFolder.Load(Path.Combine(Path.GetFullPath(directory), RunCheckpoint.ModelFolderName), device);

    /// <summary>Restores the losses' parameters, the optimizer, the step count and the random state into <paramref name="trainer"/>.</summary>
    public static void Restore(SentenceTransformerTrainer trainer, string directory) => RunCheckpoint.Restore(trainer, directory);

    /// <summary>
    /// Loads the checkpoint's model weights into the trainer's model, then <see cref="Restore"/>s the rest: resuming a
    /// trainer built on the original model, as <c>trainer.train(resume_from_checkpoint=...)</c> does.
    /// </summary>
    public static void RestoreWithModel(SentenceTransformerTrainer trainer, string directory)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        string root = Path.GetFullPath(directory);
        using (SentenceTransformer saved = LoadModel(root, trainer.Model.Device))
        {
            RunCheckpoint.CopyWeights(saved, trainer.Model, root);
        }

        Restore(trainer, root);
    }
}
