using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>CoSENTLoss and AnglELoss: <c>log(1 + Σ_{y_i &lt; y_j} exp(scale · (s_i − s_j)))</c> over the batch's pairs of pairs.</summary>
internal sealed class CoSentRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.CoSent;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        if (context.Model.InputKind == InputKind.ScoredPairOrTuple)
        {
            writer.Line("// An (anchor, positive, negatives…) n-tuple is scored as pairs: the anchor against each other column, a positive");
            writer.Line("// labelled with its row's score (1 when none), a negative with 1 − it.");
            writer.Line("var (left, right, gold) = global::LossGen.SentenceTransformers.LossAlgorithms.AnchorTuples.AsPairs(Metadata, batch.Columns, batch.Labels);");
            writer.Line("// scores [B·(columns − 1)] = scale · sim(left, right)");
            writer.Line($"var scores = {context.Compare("left", "right")} * {context.Name(HyperParameterRole.Scale)};");
        }
        else
        {
            writer.Line("// scores [B] = scale · sim(a, b)");
            writer.Line($"var scores = {context.Compare("batch.Columns[0]", "batch.Columns[1]")} * {context.Name(HyperParameterRole.Scale)};");
            writer.Line($"var gold = batch.Labels!;");
        }

        writer.Line("// differences [B, B] = s_i − s_j; a pair counts where its gold score ranks j above i.");
        writer.Line("var differences = scores.unsqueeze(1) - scores.unsqueeze(0);");
        writer.Line($"var ranked = gold.unsqueeze(1).lt(gold.unsqueeze(0));");
        writer.Line("// log(1 + Σ exp(·)) as a logsumexp with a zero logit; pairs that do not count fall to −1e12, where exp() vanishes.");
        writer.Line($"var logits = {Torch}cat([{Torch}zeros(1, dtype: differences.dtype, device: differences.device), differences.masked_fill(ranked.logical_not(), -1e12).view(-1)], 0);");
        writer.Line($"var loss = {Torch}logsumexp(logits, 0);");
    }
}
