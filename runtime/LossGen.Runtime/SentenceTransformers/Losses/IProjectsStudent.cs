using TorchSharp.Modules;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// A distillation loss that may map the student's embeddings to the teacher's dimension with its own learned linear
/// layer (<c>projection_dim</c>, EmbedDistillLoss and MSELoss): the layer trains with the model and is saved with the loss.
/// </summary>
public interface IProjectsStudent
{
    /// <summary>The projection <c>nn.Linear(D, projection_dim)</c>, or <c>null</c> when the embeddings are compared as they are.</summary>
    Linear? Projection { get; }
}
