using LossGen.Generators.Emission.Rules;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;

namespace LossGen.Generators.Emission;

/// <summary>Writes the statements of <c>ComputeFromEmbeddings</c> (or <c>ComputeFromLogits</c>) that end by declaring <c>loss</c>: the grammar rule's math, or a call to the <c>[LossMath]</c> method.</summary>
internal static class ForwardEmitter
{
    public static void Write(IndentedWriter writer, LossModel model)
    {
        if (model.Math is { ReturnsComponents: true } components)
        {
            writer.Line($"var components = {components.Name}({string.Join(", ", components.Arguments)});");
            writer.Line($"{GlobalNames.Tensor} loss = global::LossGen.SentenceTransformers.Losses.LossComponents.Sum(Metadata, components);");
            return;
        }

        if (model.Math is MathMethodModel math)
        {
            writer.Line($"{GlobalNames.Tensor} loss = {math.Name}({string.Join(", ", math.Arguments)});");
            return;
        }

        // The grammar check reported a declaration whose rule has no emitter, so only checked models reach here.
        ForwardRules.Find(model.Family, model.Pairing!.Value, model.Objective!.Value)!.Write(writer, new ForwardContext(model));
    }
}
