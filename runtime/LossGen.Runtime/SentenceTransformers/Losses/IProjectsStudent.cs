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

    /// <summary>
    /// The projection for a student of <paramref name="studentDimension"/>, created on first use: for a loss created
    /// without a model (on precomputed embeddings), whose projection cannot be sized at construction.
    /// </summary>
    /// <exception cref="System.InvalidOperationException">The loss has no <c>projection_dim</c>.</exception>
    Linear CreateProjection(int studentDimension);
}
