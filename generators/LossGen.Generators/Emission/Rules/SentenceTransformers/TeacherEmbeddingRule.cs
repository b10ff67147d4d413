using LossGen.Generators.Helpers;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>
/// MSELoss and EmbedDistillLoss: every column, through the learned projection when the loss declares
/// <c>ProjectionDim</c>, against the teacher's embedding (broadcast, or one per column); MSELoss is the <c>mse</c> case.
/// </summary>
internal sealed class TeacherEmbeddingRule(Objective objective) : IForwardRule
{
    public Pairing Pairing => Pairing.Target;

    public Objective Objective => objective;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        string distance = objective == Objective.SquaredError ? "global::LossGen.SentenceTransformers.Losses.EmbedDistillDistance.Mse" : context.Optional("DistanceMetric");
        string projection = LossEmitter.LearnsProjection(context.Model) ? "Projection" : "null";
        writer.Line("// targets: the teacher's embedding of each row, [B, D] for every column or [B, columns, D] one per column; detached.");
        writer.Line($"var loss = global::LossGen.SentenceTransformers.LossAlgorithms.TeacherEmbeddingDistance.Mean(Metadata, {distance}, batch.Columns, batch.Labels!, {projection});");
    }
}
