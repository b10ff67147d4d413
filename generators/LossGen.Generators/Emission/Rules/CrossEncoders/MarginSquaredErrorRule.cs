using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.CrossEncoders;

/// <summary>MarginMSELoss: the student's margins between the positive and each negative regressed onto a teacher's.</summary>
internal sealed class MarginSquaredErrorRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.MarginSquaredError;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// scores [B, 1 + n]: the positive column, then each negative column.");
        writer.Line("var scores = logits.squeeze(2);");
        writer.Line("var margins = scores.narrow(1, 0, 1) - scores.narrow(1, 1, scores.shape[1] - 1);");
        writer.Line($"var loss = {Functional}mse_loss(margins, {CrossEncoderLossAlgorithms}TeacherMargins.Of(batch.Labels!, margins));");
    }
}
