using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>ContrastiveTensionLoss: the pairwise score is a logit of "same sentence", summed binary cross-entropy.</summary>
internal sealed class BinaryCrossEntropyRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.BinaryCrossEntropy;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// logits [B] = sim(a, b)");
        writer.Line($"var logits = {context.Compare("batch.Columns[0]", "batch.Columns[1]")};");
        writer.Line($"var loss = {Functional}binary_cross_entropy_with_logits(logits, batch.Labels!.to(logits.dtype), reduction: global::TorchSharp.torch.nn.Reduction.Sum);");
    }
}
