using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>DistillKLDivLoss: <c>τ² · KL(softmax(teacher / τ) ‖ softmax(student / τ))</c>, batch-mean.</summary>
internal sealed class KlDivergenceRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.KlDivergence;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        string temperature = context.Name(HyperParameterRole.Temperature);
        writer.Line("// scores [B, columns − 1]: the query against each of its passages.");
        writer.Line($"var scores = {context.CandidateScores()};");
        writer.Line($"var teacher = (global::LossGen.SentenceTransformers.Losses.TeacherLabels.Scores(Metadata, batch.Labels!, scores) / {temperature}).softmax(1);");
        writer.Line($"var studentLog = {Functional}log_softmax(scores / {temperature}, 1);");
        writer.Line("// Σ p · (log p − log q) / B; xlogy makes a teacher probability of exactly 0 contribute 0. τ² keeps the gradients' scale.");
        writer.Line($"var loss = ({Torch}xlogy(teacher, teacher) - teacher * studentLog).sum() / scores.shape[0] * ({temperature} * {temperature});");
    }
}
