using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>
/// The batch triplet losses: a B×B distance matrix of one labelled column, then the pairing's mining. Mining is an
/// algorithm, not per-loss math, so it stays in the runtime's <c>TripletMining</c>; the objective is written here.
/// </summary>
internal sealed class BatchTripletRule(Pairing pairing, Objective objective) : IForwardRule
{
    public Pairing Pairing => pairing;

    public Objective Objective => objective;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// distances [B, B] between every pair of rows; labels [B] are class ids.");
        writer.Line($"var distances = {context.BatchDistances("batch.Columns[0]")};");
        string mining = LossAlgorithms + "TripletMining.";
        switch (pairing)
        {
            case Pairing.BatchAll:
                writer.Line($"var loss = {mining}BatchAll(distances, batch.Labels!, {context.Name(HyperParameterRole.Margin)});");
                break;
            case Pairing.BatchSemiHard:
                writer.Line($"var loss = {mining}BatchSemiHard(distances, batch.Labels!, {context.Name(HyperParameterRole.Margin)});");
                break;
            default:
                writer.Line($"var (hardestPositive, hardestNegative) = {mining}BatchHard(distances, batch.Labels!);");
                if (objective == Objective.SoftMargin)
                {
                    writer.Line("// softplus is log1p(exp(x)) without its float32 overflow for large x.");
                    writer.Line($"var loss = {Functional}softplus(hardestPositive - hardestNegative).mean();");
                }
                else
                {
                    writer.Line("// clamp_min, not relu: the reference zeroes only negative terms, so a term of exactly 0 keeps its gradient.");
                    writer.Line($"var loss = (hardestPositive - hardestNegative + {context.Name(HyperParameterRole.Margin)}).clamp_min(0).mean();");
                }

                break;
        }
    }
}
