using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>DistillKLDivLoss: <c>T_s² · KL(softmax(teacher / T_t) ‖ softmax(student / T_s))</c>, batch-mean.</summary>
internal sealed class KlDivergenceRule : IForwardRule
{
    public Pairing Pairing => Pairing.Pairwise;

    public Objective Objective => Objective.KlDivergence;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        string temperature = context.Name(HyperParameterRole.Temperature);
        // v6: each side may have its own temperature, each defaulting to the shared one.
        string student = context.Declares("StudentTemperature") ? "studentTemperature" : temperature;
        string teacherTemperature = context.Declares("TeacherTemperature") ? "teacherTemperature" : temperature;
        if (context.Declares("StudentTemperature"))
        {
            writer.Line($"float studentTemperature = StudentTemperature ?? {temperature};");
        }

        if (context.Declares("TeacherTemperature"))
        {
            writer.Line($"float teacherTemperature = TeacherTemperature ?? {temperature};");
        }

        writer.Line("// scores [B, columns − 1]: the query against each of its passages.");
        writer.Line($"var scores = {context.CandidateScores()};");
        writer.Line($"var teacher = (global::LossGen.SentenceTransformers.Losses.TeacherLabels.Scores(Metadata, batch.Labels!, scores) / {teacherTemperature}).softmax(1);");
        writer.Line($"var studentLog = {Functional}log_softmax(scores / {student}, 1);");
        writer.Line("// Σ p · (log p − log q) / B; xlogy makes a teacher probability of exactly 0 contribute 0. T_s² keeps the gradients' scale.");
        writer.Line($"var loss = ({Torch}xlogy(teacher, teacher) - teacher * studentLog).sum() / scores.shape[0] * ({student} * {student});");
    }
}
