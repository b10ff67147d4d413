using System.Linq;
using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>CosineSimilarityLoss: the pairwise similarity regressed onto the gold score with <c>loss_fct</c> (MSE by default).</summary>
internal sealed class RegressionRule : IForwardRule
{
    private const string LossFunction = "global::LossGen.RegressionLossFunction";

    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.Regression;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// scores [B] = sim(a, b)");
        writer.Line($"var scores = {context.Compare("batch.Columns[0]", "batch.Columns[1]")};");
        writer.Line($"var gold = batch.Labels!.to(scores.dtype).view(-1);");
        if (context.Declares("LossFct"))
        {
            writer.Line($"var loss = LossFct switch");
            writer.Line("{");
            writer.Line($"    {LossFunction}.L1Loss => {Functional}l1_loss(scores, gold),");
            writer.Line($"    _ => {Functional}mse_loss(scores, gold),");
            writer.Line("};");
        }
        else
        {
            writer.Line($"var loss = {Functional}mse_loss(scores, gold);");
        }
    }
}
