using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.CrossEncoders;

/// <summary>MSELoss: each pair's logit regressed onto its score, typically a teacher cross-encoder's.</summary>
internal sealed class SquaredErrorRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.SquaredError;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// logits [B, 1]: one logit per (query, document) pair.");
        writer.Line($"var loss = {Functional}mse_loss(logits.view(-1), batch.Labels!.to({Float32}));");
    }
}
