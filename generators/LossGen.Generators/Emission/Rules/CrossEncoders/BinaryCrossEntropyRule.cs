using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.CrossEncoders;

/// <summary>BinaryCrossEntropyLoss: each pair's logit against its 0/1 or soft relevance label, positives optionally up-weighted.</summary>
internal sealed class BinaryCrossEntropyRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.BinaryCrossEntropy;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        string positiveWeight = "null";
        if (context.Declares("PosWeight"))
        {
            writer.Line($"var positiveWeight = PosWeight is float weight ? {Torch}tensor(weight, device: logits.device) : null;");
            positiveWeight = "positiveWeight";
        }

        writer.Line("// logits [B, 1]: one logit per (query, document) pair.");
        writer.Line($"var loss = {Functional}binary_cross_entropy_with_logits(logits.view(-1), batch.Labels!.to({Float32}), pos_weights: {positiveWeight});");
    }
}
