using LossGen.Generators.Helpers;

namespace LossGen.Generators.Emission.Rules.CrossEncoders;

/// <summary>ListNetLoss: the cross-entropy between the softmax of each query's labels and the softmax of its documents' logits.</summary>
internal sealed class ListNetRule : IForwardRule
{
    public Pairing Pairing => Pairing.Listwise;

    public Objective Objective => Objective.ListNet;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// Padding as the reference pads: logits at −1e16, labels at −∞, so padded documents have no probability on either side.");
        writer.Line("var padding = batch.Mask!.logical_not();");
        writer.Line("var scores = logits.masked_fill(padding, -1e16);");
        writer.Line("var targets = batch.Labels!.masked_fill(padding, double.NegativeInfinity).softmax(1);");
        writer.Line("var loss = -(targets * scores.log_softmax(1)).sum(1).mean();");
    }
}
