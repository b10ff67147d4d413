using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>ContrastiveLoss (Hadsell et al.): <c>½ [y · d² + (1 − y) · relu(margin − d)²]</c>, averaged or summed.</summary>
internal sealed class ContrastiveRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.Contrastive;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// distances [B] = d(a, b); similar [B] is the 0/1 label.");
        writer.Line($"var distances = {context.Compare("batch.Columns[0]", "batch.Columns[1]")};");
        writer.Line($"var similar = batch.Labels!.to(distances.dtype);");
        writer.Line("var pulled = similar * distances.square();");
        writer.Line($"var pushed = (1 - similar) * {Functional}relu({context.Name(HyperParameterRole.Margin)} - distances).square();");
        writer.Line("var perPair = 0.5 * (pulled + pushed);");
        writer.Line($"var loss = {context.Optional("SizeAverage")} ? perPair.mean() : perPair.sum();");
    }
}
