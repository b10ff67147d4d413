using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.CrossEncoders;

/// <summary>CrossEntropyLoss: a multi-label cross-encoder's logits against each pair's class id.</summary>
internal sealed class ClassCrossEntropyRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.CrossEntropy;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// logits [B, 1, num_labels]: one candidate column.");
        writer.Line($"var loss = {Functional}cross_entropy(logits.squeeze(1), batch.Labels!, label_smoothing: {context.Optional("LabelSmoothing")});");
    }
}
