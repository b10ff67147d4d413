using System.Linq;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission;

/// <summary>
/// Writes the generated half of a cross-encoder loss: the same constructor, hyper-parameters, metadata and config as a
/// bi-encoder loss, a <c>Collate</c> into a <c>CrossEncoderBatch</c>, the scoring options, and the forward over logits:
/// the declaration's <c>activation_fn</c>, then its grammar rule's math or its <c>[LossMath]</c> method.
/// </summary>
internal static class CrossEncoderLossEmitter
{
    // The family's parameters that the scoring and the activation read, by their sentence-transformers names.
    private const string NumNegatives = "NumNegatives";
    private const string MiniBatchSize = "MiniBatchSize";
    private const string ActivationFn = "ActivationFn";

    public static string Emit(LossModel model)
    {
        IndentedWriter writer = GeneratedFile.Start(model.Namespace);
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        using (writer.Block($"partial class {model.ClassName} : global::LossGen.CrossEncoders.Losses.CrossEncoderLoss"))
        {
            LossEmitter.WriteFields(writer, model);
            LossEmitter.WriteMetadata(writer, model);
            WriteConstructor(writer, model);
            LossEmitter.WriteProperties(writer, model);
            LossEmitter.WriteConfig(writer, model);
            WriteCollate(writer, model);
            WriteScoring(writer, model);
            WriteGradientCache(writer, model);
            WriteForward(writer, model);
            if (model.HasOnCreated)
            {
                writer.Line();
                writer.Line("partial void OnCreated();");
            }
        }

        return writer.ToString();
    }

    private static void WriteConstructor(IndentedWriter writer, LossModel model)
    {
        writer.Line($"/// <summary>Creates a <see cref=\"{model.ClassName}\"/> with sentence-transformers' defaults for every omitted hyper-parameter.</summary>");
        writer.Line("/// <param name=\"model\">The cross-encoder to train, or <c>null</c> to use the loss on given logits only.</param>");
        foreach (HyperParameterModel parameter in ConstructorSignature.Ordered(model.HyperParameters))
        {
            writer.Line($"/// <param name=\"{Naming.ToCamelCase(parameter.Name).TrimStart('@')}\"><inheritdoc cref=\"{parameter.Name}\" path=\"/summary\"/></param>");
        }

        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The model has several labels and the loss reads one logit per pair.</exception>");
        var parameters = ConstructorSignature.All(isGuided: false, isWrapper: false, model.HyperParameters, ConstructorSignature.CrossEncoderModel).ToList();
        writer.Line($"public {model.ClassName}(");
        for (int i = 0; i < parameters.Count; i++)
        {
            writer.Line("    " + parameters[i] + (i == parameters.Count - 1 ? ")" : ","));
        }

        writer.Line($"    : base(nameof({model.ClassName}), model)");
        using (writer.Block(string.Empty))
        {
            writer.Line("CheckLabels(model);");
            foreach (HyperParameterModel parameter in model.HyperParameters)
            {
                writer.Line($"{Naming.ToFieldName(parameter.Name)} = {LossEmitter.Validation(model, parameter)};");
            }

            if (model.HasOnCreated)
            {
                writer.Line("OnCreated();");
            }
        }

        writer.Line();
    }

    private static void WriteCollate(IndentedWriter writer, LossModel model)
    {
        foreach (string example in model.InputKind!.Value.ExampleTypes())
        {
            writer.Line($"/// <summary>Collates <see cref=\"global::LossGen.{example}\"/> rows into the text columns and labels this loss reads; errors name the row.</summary>");
            writer.Line("/// <param name=\"examples\">The examples of one batch.</param>");
            writer.Line("/// <param name=\"device\">Where the label tensor is created; the CPU by default.</param>");
            writer.Line(GeneratedMembers.CrossEncoderCollate(example) + " =>");
            writer.Line("    global::LossGen.CrossEncoders.Losses.CrossEncoderCollation.Collate(Metadata, examples, device);");
            writer.Line();
        }
    }

    private static void WriteScoring(IndentedWriter writer, LossModel model)
    {
        string? miniBatch = model.UncachedTwin is null ? model.Role(HyperParameterRole.MiniBatchSize)?.Name ?? Read(model, MiniBatchSize) : null;
        string? negatives = Read(model, NumNegatives);
        if (miniBatch is null && negatives is null)
        {
            return;
        }

        writer.Line("/// <inheritdoc />");
        writer.Line($"{GeneratedMembers.Scoring} => new(MiniBatchSize: {miniBatch ?? "null"}, NumNegatives: {negatives ?? "null"});");
        writer.Line();
    }

    // A family parameter: the declared property, else the rule's reference default, else absent (a [LossMath] loss that
    // does not declare it).
    private static string? Read(LossModel model, string name) =>
        model.HyperParameters.Any(p => p.Name == name && p.Role == HyperParameterRole.Plain) ? name : model.Rule?.Optional(name)?.ReferenceDefault;

    private static void WriteGradientCache(IndentedWriter writer, LossModel model)
    {
        if (model.UncachedTwin is null)
        {
            return;
        }

        string miniBatch = model.HyperParameters.First(p => p.Role == HyperParameterRole.MiniBatchSize).Name;
        writer.Line("/// <inheritdoc />");
        writer.Line("/// <remarks>Scores in mini-batches without a graph and replays each one during <c>backward()</c> (GradCache).</remarks>");
        writer.Line($"public override {Tensor} Compute(global::LossGen.CrossEncoders.Losses.CrossEncoderBatch batch) => global::LossGen.CrossEncoders.Losses.CrossEncoderGradientCache.Compute(this, batch, {miniBatch});");
        writer.Line();
    }

    private static void WriteForward(IndentedWriter writer, LossModel model)
    {
        string? activation = model.Rule is null
            ? model.HyperParameters.FirstOrDefault(p => p.TypeName.TrimEnd('?') == "global::" + KnownNames.ActivationFunction)?.Name
            : Read(model, ActivationFn);
        writer.Line("/// <inheritdoc />");
        using (writer.Block(GeneratedMembers.ComputeFromLogits))
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(batch);");
            writer.Line($"using var scope = {Torch}NewDisposeScope();");
            writer.Line(activation is null
                ? "var logits = batch.Logits;"
                : $"var logits = global::LossGen.CrossEncoders.CrossEncoderActivations.Apply({activation}, batch.Logits);");
            ForwardEmitter.Write(writer, model);
            writer.Line("return loss.MoveToOuterDisposeScope();");
        }
    }
}
