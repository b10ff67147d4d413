using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>MarginMSELoss: the student's margins <c>s(q, p) − s(q, nₖ)</c> regressed onto the teacher's.</summary>
internal sealed class MarginSquaredErrorRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.MarginSquaredError;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// scores [B, 1 + n]: the query against its positive, then against each negative.");
        writer.Line($"var scores = {context.CandidateScores()};");
        writer.Line("long negatives = scores.shape[1] - 1;");
        writer.Line("// margins [B, n] = s(q, p) − s(q, nₖ)");
        writer.Line($"var margins = scores.narrow(1, 0, 1) - scores.narrow(1, 1, negatives);");
        writer.Line($"var loss = {Functional}mse_loss(margins, global::LossGen.SentenceTransformers.Losses.TeacherLabels.Margins(Metadata, batch.Labels!, margins));");
    }
}
