using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>
/// GISTEmbedLoss and CachedGISTEmbedLoss. The guide's false-negative masking is an algorithm over several score blocks,
/// shared by both losses, so it stays in the runtime; the rule binds the declaration's hyper-parameters to it.
/// </summary>
internal sealed class GuidedCrossEntropyRule : IForwardRule
{
    public Pairing Pairing => Pairing.GuidedInBatchNegatives;

    public Objective Objective => Objective.CrossEntropy;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        string options = $"new({context.Name(HyperParameterRole.Temperature)}, {context.Optional("MarginStrategy")}, "
            + $"{context.Name(HyperParameterRole.Margin)}, {context.Optional("ContrastAnchors")}, {context.Optional("ContrastPositives")})";
        writer.Line("// Cross-entropy of cos_sim(anchor, candidates) / temperature, candidates the guide ranks above the positive masked.");
        string gather = context.Declares("GatherAcrossDevices") ? $", gatherAcrossDevices: {context.Optional("GatherAcrossDevices")}" : string.Empty;
        writer.Line($"var loss = {LossAlgorithms}GuidedInBatchNegatives.CrossEntropy(batch.Columns, batch.GuideColumns!, {options}, miniBatchSize: {context.MiniBatchSize ?? "null"}{gather});");
    }
}
