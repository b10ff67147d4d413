using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules;

/// <summary>ContrastiveLoss (Hadsell et al.): <c>½ [y · d² + (1 − y) · relu(margin − d)²]</c>, averaged or summed.</summary>
internal sealed class ContrastiveRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.Contrastive;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// distances [B] = d(a, b); similar [B] is the 0/1 label.");
        writer.Line($"{Tensor} distances = {context.Compare("batch.Columns[0]", "batch.Columns[1]")};");
        writer.Line($"{Tensor} similar = batch.Labels!.to(distances.dtype);");
        writer.Line($"{Tensor} pulled = similar.mul(distances.square());");
        writer.Line($"{Tensor} pushed = similar.neg().add(1).mul({Functional}relu(distances.neg().add({context.Name(HyperParameterRole.Margin)})).square());");
        writer.Line($"{Tensor} perPair = pulled.add(pushed).mul(0.5);");
        writer.Line($"{Tensor} loss = {context.Optional("SizeAverage")} ? perPair.mean() : perPair.sum();");
    }
}
