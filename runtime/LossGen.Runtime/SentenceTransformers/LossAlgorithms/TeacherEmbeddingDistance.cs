using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Serialization;
using LossGen.SentenceTransformers.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.LossAlgorithms;

/// <summary>
/// Embedding distillation as sentence-transformers v5.5+ computes it (EmbedDistillLoss, and MSELoss as its
/// <c>mse</c> case): each text column, through the loss's learned projection when it has one, against the teacher's
/// embedding (the same <c>[B, D]</c> for every column, or one per column from <c>[B, columns, D]</c>), averaged over columns.
/// </summary>
public static class TeacherEmbeddingDistance
{
    /// <summary>The mean over columns of each column's distance to its teacher embeddings; the teacher is detached.</summary>
    public static Tensor Mean(LossDescriptor loss, EmbedDistillDistance distance, IReadOnlyList<Tensor> columns, Tensor labels, Linear? projection)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(labels);
        Tensor teacher = labels.detach();
        if (teacher.dim() == 3 && teacher.shape[1] != columns.Count)
        {
            throw new LossInputException($"{loss.Name}: number of label columns ({teacher.shape[1]}) does not match number of input text columns ({columns.Count}). Either pass 3D labels with shape (batch_size, {columns.Count}, teacher_dim), or pass 2D labels of shape (batch_size, teacher_dim) to broadcast a single label across all columns.");
        }

        if (teacher.dim() is not (2 or 3))
        {
            throw new LossInputException($"{loss.Name}: expected labels to be 2D (batch_size, teacher_dim) or 3D (batch_size, num_columns, teacher_dim); got {teacher.dim()}D.");
        }

        var losses = new Tensor[columns.Count];
        for (int column = 0; column < columns.Count; column++)
        {
            Tensor student = projection is null ? columns[column] : projection.forward(columns[column]);
            Tensor target = (teacher.dim() == 2 ? teacher : teacher.select(1, column)).to(student.dtype);
            if (target.shape[^1] != student.shape[^1])
            {
                throw new LossInputException($"{loss.Name}: the teacher embeddings are {target.shape[^1]}-dimensional and the student's {(projection is null ? string.Empty : "projected ")}embeddings {student.shape[^1]}-dimensional; set projection_dim to the teacher's dimension to learn a projection.");
            }

            losses[column] = distance switch
            {
                EmbedDistillDistance.Mse => nn.functional.mse_loss(student, target),
                EmbedDistillDistance.L2 => (student - target).norm(-1).mean(),
                EmbedDistillDistance.Cosine => (1 - nn.functional.cosine_similarity(student, target, dim: -1, eps: 1e-8)).mean(),
                _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, null),
            };
        }

        return losses.Length == 1 ? losses[0] : stack(losses).mean();
    }

    /// <summary>
    /// The projection <c>nn.Linear(D, projectionDim)</c> of a loss declared with <c>projection_dim</c>, D the model's
    /// embedding dimension, registered as the loss's own parameters so that it trains and moves with it; <c>null</c>
    /// without a projection or without a model (precomputed embeddings: see <see cref="IProjectsStudent.CreateProjection"/>).
    /// </summary>
    public static Linear? CreateProjection(nn.Module owner, ISentenceEncoder? model, int? projectionDim)
    {
        if (projectionDim is null || model is null)
        {
            return null;
        }

        int dimension = model.EmbeddingDimension
            ?? throw new ArgumentException($"{owner?.GetName()}: projection_dim needs the model's embedding dimension, which {model.GetType().Name} does not report.", nameof(model));
        return CreateProjection(owner!, dimension, projectionDim, model.Device);
    }

    /// <summary>The projection for a student of <paramref name="studentDimension"/>, registered on <paramref name="owner"/>.</summary>
    public static Linear? CreateProjection(nn.Module owner, int studentDimension, int? projectionDim, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (projectionDim is not int dimension)
        {
            return null;
        }

        var projection = nn.Linear(studentDimension, dimension, device: device);
        owner.register_module("projection", projection);
        return projection;
    }

    /// <summary>
    /// Writes the loss's projection to a safetensors file (<c>weight</c> <c>[P, D]</c> and <c>bias</c> <c>[P]</c>), as
    /// sentence-transformers' <c>save_projection</c> does, so it can be reused after training.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loss has no projection.</exception>
    public static void SaveProjection(string loss, Linear? projection, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Linear layer = projection ?? throw new InvalidOperationException($"{loss} has no projection layer to save; construct it with projection_dim to learn one.");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["weight"] = layer.weight!, ["bias"] = layer.bias! });
    }

    /// <summary>
    /// Reads a projection saved by <see cref="SaveProjection"/> (or sentence-transformers' <c>save_projection</c>) into
    /// <paramref name="student"/>: its existing projection when the shapes agree, else one created for that shape.
    /// </summary>
    /// <exception cref="ArgumentException">The file's shape does not fit the loss's projection.</exception>
    public static void LoadProjection(string loss, IProjectsStudent student, string path)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(path);
        IReadOnlyDictionary<string, long[]> shapes = SafeTensors.ReadShapes(path);
        if (!shapes.TryGetValue("weight", out long[]? shape) || shape.Length != 2 || !shapes.ContainsKey("bias"))
        {
            throw new ArgumentException($"{path} holds no projection (a 2-D 'weight' and a 'bias').", nameof(path));
        }

        Linear layer = student.Projection ?? student.CreateProjection((int)shape[1]);
        // SafeTensors.Load hands the file's tensors to the caller: freed once copied.
        Dictionary<string, Tensor> state = SafeTensors.Load(path);
        try
        {
            Tensor weight = state["weight"], bias = state["bias"];
            if (!weight.shape.SequenceEqual(layer.weight!.shape))
            {
                throw new ArgumentException($"{loss}: the saved projection maps {weight.shape[1]} to {weight.shape[0]} dimensions, but the configured one maps {layer.weight.shape[1]} to {layer.weight.shape[0]}.", nameof(path));
            }

            using (no_grad())
            {
                layer.weight.copy_(weight);
                layer.bias!.copy_(bias);
            }
        }
        finally
        {
            foreach (Tensor tensor in state.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
