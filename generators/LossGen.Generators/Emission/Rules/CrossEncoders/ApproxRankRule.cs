using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.CrossEncoders;

/// <summary>ADRMSELoss: each document's true rank against its sigmoid-approximated rank, squared and discounted as NDCG is.</summary>
internal sealed class ApproxRankRule : IForwardRule
{
    public Pairing Pairing => Pairing.Listwise;

    public Objective Objective => Objective.ApproxDiscountedRankSquaredError;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// Padding as the reference pads: logits at −1e16, labels at 0, and padded documents masked out of every sum.");
        writer.Line("var mask = batch.Mask!;");
        writer.Line("var labels = batch.Labels!;");
        writer.Line("var scores = logits.masked_fill(mask.logical_not(), -1e16);");
        writer.Line($"var real = mask.to({Float32});");
        writer.Line("// True ranks, ties sharing the mean of their positions: 1 + #{j: yⱼ > yᵢ} + (#{j: yⱼ = yᵢ} − 1) / 2.");
        writer.Line("var validJ = mask.unsqueeze(1);");
        writer.Line($"var greater = (labels.unsqueeze(1) > labels.unsqueeze(2)).logical_and(validJ).sum(-1, type: {Float32});");
        writer.Line($"var equal = labels.unsqueeze(1).eq(labels.unsqueeze(2)).logical_and(validJ).sum(-1, type: {Float32});");
        writer.Line("var trueRanks = greater + ((equal + 1.0) / 2.0);");
        writer.Line($"var approximateRanks = 1.0 + ({Torch}sigmoid({context.Optional("Alpha")} * (scores.unsqueeze(1) - scores.unsqueeze(2))) * real.unsqueeze(1)).sum(2) - (0.5 * real);");
        writer.Line($"var discount = 1.0 / {Torch}log2(trueRanks + 1.0);");
        writer.Line("var loss = (discount * (trueRanks - approximateRanks).square() * real).sum() / mask.sum();");
    }
}
