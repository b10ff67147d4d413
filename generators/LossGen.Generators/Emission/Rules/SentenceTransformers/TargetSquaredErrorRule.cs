using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>MSELoss: every column regressed onto the teacher's embedding, the targets tiled when a sentence has translations.</summary>
internal sealed class TargetSquaredErrorRule : IForwardRule
{
    public Pairing Pairing => Pairing.Target;

    public Objective Objective => Objective.SquaredError;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// targets [B, d], the teacher's embedding of each row; every column [B, d] is regressed onto it.");
        writer.Line($"var targets = global::LossGen.SentenceTransformers.Losses.TeacherLabels.Embeddings(Metadata, batch.Labels!, batch.Columns[0]);");
        writer.Line($"var loss = batch.Columns.Count == 1");
        writer.Line($"    ? {Functional}mse_loss(batch.Columns[0], targets)");
        writer.Line($"    : {Functional}mse_loss({Torch}cat(global::System.Linq.Enumerable.ToArray(batch.Columns), 0), targets.repeat(batch.Columns.Count, 1));");
    }
}
