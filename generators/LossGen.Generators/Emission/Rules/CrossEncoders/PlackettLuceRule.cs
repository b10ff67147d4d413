using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.CrossEncoders;

/// <summary>ListMLELoss and PListMLELoss: the Plackett-Luce likelihood of the true order, PListMLE weighing each position.</summary>
internal sealed class PlackettLuceRule(Objective objective) : IForwardRule
{
    public Pairing Pairing => Pairing.Listwise;

    public Objective Objective => objective;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        // PListMLE with lambda_weight=None is ListMLE, as upstream.
        string weighPositions = objective == Objective.ListMle ? "false"
            : context.Declares("LambdaWeight") ? "LambdaWeight is not null"
            : "true";
        writer.Line($"var loss = {CrossEncoderLossAlgorithms}PlackettLuce.Loss(logits, batch.Labels!, batch.Mask!, respectInputOrder: {context.Optional("RespectInputOrder")}, weighPositions: {weighPositions});");
    }
}
