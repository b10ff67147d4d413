using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.CrossEncoders;

/// <summary>RankNetLoss and LambdaLoss: the pairwise logistic loss of every differently labelled document pair, LambdaLoss weighing each pair by its scheme.</summary>
internal sealed class PairwiseRankingRule(Objective objective) : IForwardRule
{
    private const string Schemes = "global::LossGen.CrossEncoders.Losses.LambdaWeightingScheme.";

    public Pairing Pairing => Pairing.Listwise;

    public Objective Objective => objective;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        // RankNet is LambdaLoss without a weighting scheme, as upstream; a null scheme means the same.
        string scheme = objective == Objective.RankNet ? Schemes + "NoWeightingScheme"
            : context.Declares("WeightingScheme") ? $"WeightingScheme ?? {Schemes}NoWeightingScheme"
            : context.Optional("WeightingScheme");
        string mu = objective == Objective.RankNet ? "0" : context.Optional("Mu");
        writer.Line($"var loss = {CrossEncoderLossAlgorithms}LambdaRanking.Loss(logits, batch.Labels!, batch.Mask!, {scheme}, {mu}, {context.Optional("K")}, {context.Optional("Sigma")}, {context.Optional("Eps")}, {context.Optional("ReductionLog")});");
    }
}
