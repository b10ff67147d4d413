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
        writer.Line(objective == Objective.RankNet
            ? "// Every pair of documents whose labels differ, each weighed alike: LambdaLoss without a weighting scheme."
            : "// Every pair of documents whose labels differ, each weighed by the scheme from the ranks the logits give.");
        writer.Line($"var loss = {CrossEncoderLossAlgorithms}LambdaRanking.Loss(logits, batch.Labels!, batch.Mask!, scheme: {scheme}, mu: {mu}, k: {context.Optional("K")}, sigma: {context.Optional("Sigma")}, eps: {context.Optional("Eps")}, reductionLog: {context.Optional("ReductionLog")});");
    }
}
