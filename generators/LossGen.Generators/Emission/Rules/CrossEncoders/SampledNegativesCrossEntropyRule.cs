using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.CrossEncoders;

/// <summary>
/// MultipleNegativesRankingLoss for rerankers: each query's positive against in-batch negatives the scoring drew and its
/// own hard negatives, cross-entropy with the positive as the target.
/// </summary>
internal sealed class SampledNegativesCrossEntropyRule : IForwardRule
{
    public Pairing Pairing => Pairing.InBatchNegatives;

    public Objective Objective => Objective.CrossEntropy;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// logits [B, 1 + K + H]: the positive first, then the drawn in-batch negatives, then the row's hard negatives.");
        string scale = context.Optional("Scale");
        if (context.Declares("Scale"))
        {
            writer.Line("// A scale of 0 leaves the scores unscaled, as upstream.");
            writer.Line($"var scores = {scale} != 0 ? logits * {scale} : logits;");
        }
        else
        {
            writer.Line($"var scores = logits * {scale};");
        }
        writer.Line($"var labels = {Torch}zeros(scores.shape[0], dtype: {Int64}, device: scores.device);");
        writer.Line($"var loss = {Functional}cross_entropy(scores, labels);");
    }
}
