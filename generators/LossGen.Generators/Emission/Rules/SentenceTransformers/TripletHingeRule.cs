using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>TripletLoss: <c>mean relu(d(a, p) − d(a, n) + margin)</c> over the batch's own triplets.</summary>
internal sealed class TripletHingeRule : IForwardRule
{
    public Pairing Pairing => Pairing.Triplet;

    public Objective Objective => Objective.Hinge;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// distances [B] from each anchor to its positive and to its negative.");
        writer.Line($"var positiveDistances = {context.Compare("batch.Columns[0]", "batch.Columns[1]")};");
        writer.Line($"var negativeDistances = {context.Compare("batch.Columns[0]", "batch.Columns[2]")};");
        writer.Line($"var loss = {Functional}relu(positiveDistances - negativeDistances + {context.Name(HyperParameterRole.Margin)}).mean();");
    }
}
