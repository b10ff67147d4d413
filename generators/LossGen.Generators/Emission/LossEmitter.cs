using System.Collections.Generic;
using System.Linq;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission;

/// <summary>Writes the generated half of a loss: constructor, hyper-parameters, metadata, config, citation and forward.</summary>
internal static class LossEmitter
{
    public static string HintName(LossModel model) => (model.Namespace is null ? string.Empty : model.Namespace + ".") + model.ClassName + ".g.cs";

    public static string Emit(LossModel model)
    {
        if (model.Family == ModelFamily.CrossEncoder)
        {
            return CrossEncoderLossEmitter.Emit(model);
        }

        IndentedWriter writer = GeneratedFile.Start(model.Namespace);

        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        string projects = LearnsProjection(model) ? ", global::LossGen.SentenceTransformers.Losses.IProjectsStudent" : string.Empty;
        using (writer.Block($"partial class {model.ClassName} : global::LossGen.SentenceTransformers.Losses.SentenceLoss{projects}"))
        {
            WriteFields(writer, model);
            WriteMetadata(writer, model);
            WriteConstructor(writer, model);
            WriteProperties(writer, model);
            WriteConfig(writer, model);
            WriteCollate(writer, model);
            WriteForward(writer, model);
            WriteComputeOverrides(writer, model);
            if (model.HasOnCreated)
            {
                writer.Line();
                writer.Line("partial void OnCreated();");
            }
        }

        return writer.ToString();
    }

    internal static void WriteFields(IndentedWriter writer, LossModel model)
    {
        foreach (HyperParameterModel parameter in model.HyperParameters)
        {
            writer.Line($"private readonly {parameter.TypeName} {Naming.ToFieldName(parameter.Name)};");
        }

        writer.Line();
    }

    internal static void WriteMetadata(IndentedWriter writer, LossModel model)
    {
        string input = model.InputKind is { } kind ? "global::LossGen.InputKind." + kind : "null";
        writer.Line($"/// <summary>What the declaration of <see cref=\"{model.ClassName}\"/> says: input and label kinds, column bounds, traits.</summary>");
        writer.Line(GeneratedMembers.Metadata + " { get; } = new(");
        writer.Line($"    Name: \"{model.ClassName}\",");
        writer.Line($"    Input: {input},");
        writer.Line($"    Label: global::LossGen.LabelKind.{model.LabelKind},");
        writer.Line($"    MinColumns: {model.MinColumns},");
        writer.Line($"    MaxColumns: {(model.EffectiveMaxColumns?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")},");
        writer.Line($"    Traits: {FlagsLiteral(model.Traits)},");
        writer.Line($"    RefusesToWrap: {FlagsLiteral(model.RefusesToWrap)},");
        writer.Line($"    Pairing: {(model.Pairing is { } pairing ? "global::LossGen.Pairing." + pairing : "null")},");
        writer.Line($"    UncachedTwin: {(model.UncachedTwin is null ? "null" : $"typeof({model.UncachedTwin})")});");
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.Line(model.IsWrapper
            ? GeneratedMembers.Descriptor + " => Metadata.Wrapping(Loss.Descriptor);"
            : GeneratedMembers.Descriptor + " => Metadata;");
        writer.Line();
        if (model.Citation is not null)
        {
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override string? Citation => {Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(model.Citation, quote: true)};");
            writer.Line();
        }
    }

    private static void WriteConstructor(IndentedWriter writer, LossModel model)
    {
        writer.Line($"/// <summary>Creates a <see cref=\"{model.ClassName}\"/> with sentence-transformers' defaults for every omitted hyper-parameter.</summary>");
        writer.Line("/// <param name=\"model\">The model to train, or <c>null</c> to use the loss on precomputed embeddings only.</param>");
        if (model.IsGuided)
        {
            writer.Line("/// <param name=\"guide\">The frozen guide model that judges false negatives, or <c>null</c> on precomputed embeddings.</param>");
        }

        if (model.IsWrapper)
        {
            writer.Line("/// <param name=\"loss\">The loss to wrap.</param>");
        }

        foreach (HyperParameterModel parameter in ConstructorSignature.Ordered(model.HyperParameters))
        {
            writer.Line($"/// <param name=\"{Naming.ToCamelCase(parameter.Name).TrimStart('@')}\"><inheritdoc cref=\"{parameter.Name}\" path=\"/summary\"/></param>");
        }

        var parameters = ConstructorSignature.All(model.IsGuided, model.IsWrapper, model.HyperParameters).ToList();
        writer.Line($"public {model.ClassName}(");
        for (int i = 0; i < parameters.Count; i++)
        {
            writer.Line("    " + parameters[i] + (i == parameters.Count - 1 ? ")" : ","));
        }

        writer.Line($"    : base(nameof({model.ClassName}), model)");
        using (writer.Block(string.Empty))
        {
            if (model.IsGuided)
            {
                writer.Line("Guide = guide;");
            }

            if (model.IsWrapper)
            {
                writer.Line($"Loss = global::LossGen.WrapperGuard.Check(Metadata, global::LossGen.HyperParameterGuard.NotNull(nameof({model.ClassName}), nameof(loss), loss));");
                writer.Line("register_module(\"loss\", Loss);");
            }

            foreach (HyperParameterModel parameter in model.HyperParameters)
            {
                writer.Line($"{Naming.ToFieldName(parameter.Name)} = {Validation(model, parameter)};");
            }

            if (model.FixedDirections is { } fixedDirections)
            {
                writer.Line($"global::LossGen.HyperParameterGuard.Directions(nameof({model.ClassName}), {FixedDirectionsLiteral(fixedDirections)}, global::LossGen.PartitionMode.{fixedDirections.PartitionMode});");
            }

            if (model.HyperParameters.FirstOrDefault(p => p.IsLearnable) is HyperParameterModel learnable)
            {
                writer.Line("// Carlsson et al. learn the temperature: the scale is exp(logit_scale), initialised from the given scale.");
                writer.Line($"LogitScale = new global::TorchSharp.Modules.Parameter(global::TorchSharp.torch.tensor(global::System.Math.Log({Naming.ToFieldName(learnable.Name)}), global::TorchSharp.torch.ScalarType.Float32));");
                writer.Line("register_parameter(\"logit_scale\", LogitScale);");
            }

            if (LearnsProjection(model))
            {
                writer.Line("Projection = global::LossGen.SentenceTransformers.LossAlgorithms.TeacherEmbeddingDistance.CreateProjection(this, model, ProjectionDim);");
            }

            if (model.TrainsModelCopy)
            {
                writer.Line($"CopyModel = global::LossGen.SentenceTransformers.ModelCopies.CopyOf(model, nameof({model.ClassName}));");
                writer.Line("if (CopyModel is global::TorchSharp.torch.nn.Module copy)");
                writer.Line("{");
                writer.Line("    register_module(\"model1\", copy);");
                writer.Line("}");
            }

            if (model.HasOnCreated)
            {
                writer.Line("OnCreated();");
            }
        }

        writer.Line();
    }

    internal static string Validation(LossModel model, HyperParameterModel parameter)
    {
        string loss = $"nameof({model.ClassName})";
        string argument = Naming.ToCamelCase(parameter.Name);
        string name = $"\"{PythonNaming.ToSnakeCase(parameter.Name)}\"";
        bool isFloat = parameter.TypeName == "float";
        string cast = isFloat ? "(float)" : string.Empty;
        return parameter.Role switch
        {
            _ when parameter.Role.RangeOf() is not ValueRange.Any and var range
                => $"{(parameter.TypeName == "int" ? string.Empty : cast)}global::LossGen.HyperParameterGuard.InRange({loss}, {name}, {argument}, global::LossGen.ValueRange.{range})",
            // directions and partition_mode are refused together, as sentence-transformers refuses them.
            _ when parameter.Name == "Directions" && model.Rule?.Optional("Directions") is not null
                => $"global::LossGen.HyperParameterGuard.Directions({loss}, global::LossGen.HyperParameterGuard.Defined({loss}, {name}, {argument}), "
                    + (model.HyperParameters.Any(p => p.Name == "PartitionMode") ? "partitionMode)" : "global::LossGen.PartitionMode.Joint)"),
            HyperParameterRole.Similarity when model.Rule is { Comparison: EmbeddingComparison.SimilarityMatrix or EmbeddingComparison.PairwiseSimilarity } rule
                => $"global::LossGen.HyperParameterGuard.Shaped({loss}, {name}, {argument}, global::LossGen.EmbeddingComparison.{rule.Comparison})",
            _ when parameter.Kind == ValueKind.Enum => $"global::LossGen.HyperParameterGuard.Defined({loss}, {name}, {argument})",
            _ when parameter.Minimum is not null => $"{(parameter.TypeName is "int" or "int?" or "float?" ? $"({parameter.TypeName})" : cast)}global::LossGen.HyperParameterGuard.AtLeast({loss}, {name}, {argument}, {parameter.Minimum})",
            _ when parameter.Kind == ValueKind.Reference && parameter.DefaultLiteral is null && !parameter.TypeName.EndsWith("?", System.StringComparison.Ordinal)
                => $"global::LossGen.HyperParameterGuard.NotNull({loss}, {name}, {argument})",
            _ => argument,
        };
    }

    /// <summary>Whether the loss declares its rule's <c>ProjectionDim</c>, so it owns a learned projection of the student.</summary>
    internal static bool LearnsProjection(LossModel model) =>
        model.Rule?.Optional("ProjectionDim") is not null && model.HyperParameters.Any(p => p.Name == "ProjectionDim");

    /// <summary>The C# expression of a class-level <c>[Directions]</c> set.</summary>
    internal static string FixedDirectionsLiteral(FixedDirections fixedDirections) =>
        string.Join(" | ", fixedDirections.Directions.Select(d => "global::LossGen.InBatchDirections." + d));

    internal static void WriteProperties(IndentedWriter writer, LossModel model)
    {
        if (model.IsGuided)
        {
            writer.Line("/// <summary>The frozen guide model, or <c>null</c> when the loss only sees precomputed embeddings.</summary>");
            writer.Line(GeneratedMembers.Guide + " { get; }");
            writer.Line();
        }

        if (model.IsWrapper)
        {
            writer.Line("/// <summary>The wrapped loss.</summary>");
            writer.Line(GeneratedMembers.Loss + " { get; }");
            writer.Line();
        }

        if (model.TrainsModelCopy)
        {
            writer.Line("/// <summary>The independent trainable copy that embeds the first column (<c>model1</c>); thrown away after training.</summary>");
            writer.Line(GeneratedMembers.CopyModel + " { get; }");
            writer.Line();
        }

        if (LearnsProjection(model))
        {
            writer.Line("/// <summary>The learned projection of the student's embeddings to <see cref=\"ProjectionDim\"/> dimensions (<c>projection</c>), or <c>null</c> without one.</summary>");
            writer.Line("public global::TorchSharp.Modules.Linear? Projection { get; private set; }");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public global::TorchSharp.Modules.Linear CreateProjection(int studentDimension) =>");
            writer.Line("    Projection ??= global::LossGen.SentenceTransformers.LossAlgorithms.TeacherEmbeddingDistance.CreateProjection(this, studentDimension, ProjectionDim)");
            writer.Line($"        ?? throw new global::System.InvalidOperationException(\"{model.ClassName} was created without projection_dim.\");");
            writer.Line();
            writer.Line("/// <summary>Writes the learned projection to a safetensors file (sentence-transformers' <c>save_projection</c>).</summary>");
            writer.Line("/// <param name=\"path\">The file to write.</param>");
            writer.Line($"public void SaveProjection(string path) => global::LossGen.SentenceTransformers.LossAlgorithms.TeacherEmbeddingDistance.SaveProjection(nameof({model.ClassName}), Projection, path);");
            writer.Line();
            writer.Line("/// <summary>Reads a projection saved by <see cref=\"SaveProjection\"/> or sentence-transformers (<c>load_projection</c>).</summary>");
            writer.Line("/// <param name=\"path\">The safetensors file to read.</param>");
            writer.Line($"public void LoadProjection(string path) => global::LossGen.SentenceTransformers.LossAlgorithms.TeacherEmbeddingDistance.LoadProjection(nameof({model.ClassName}), this, path);");
            writer.Line();
        }

        if (model.HyperParameters.Any(p => p.IsLearnable))
        {
            string scale = model.Role(HyperParameterRole.Scale)!.Name;
            writer.Line($"/// <summary>The trainable log of the scale (<c>logit_scale</c>), initialised to <c>log({scale})</c>.</summary>");
            writer.Line(GeneratedMembers.LogitScale + " { get; }");
            writer.Line();
            writer.Line($"/// <summary>The scale the loss applies now, <c>exp(logit_scale)</c>; <see cref=\"{scale}\"/> is the value it started from.</summary>");
            writer.Line(GeneratedMembers.EffectiveScale + " => global::System.Math.Exp(LogitScale.item<float>());");
            writer.Line();
        }

        foreach (HyperParameterModel parameter in model.HyperParameters)
        {
            writer.Line($"public partial {parameter.TypeName} {parameter.Name} => {Naming.ToFieldName(parameter.Name)};");
            writer.Line();
        }
    }

    internal static void WriteConfig(IndentedWriter writer, LossModel model)
    {
        writer.Line("/// <inheritdoc />");
        using (writer.Block(GeneratedMembers.GetConfigDictionary))
        {
            writer.Line("var config = new global::System.Collections.Generic.Dictionary<string, object?>();");
            if (model.IsWrapper)
            {
                writer.Line("config[\"loss\"] = Loss.Descriptor.Name;");
            }

            foreach (HyperParameterModel parameter in model.HyperParameters)
            {
                string value = parameter.Kind == ValueKind.Enum
                    ? $"global::LossGen.PythonNames.ConfigValue({parameter.Name})"
                    : parameter.IsLearnable ? "EffectiveScale" : parameter.Name;
                writer.Line($"config[\"{PythonNaming.ToSnakeCase(parameter.Name)}\"] = {value};");
            }

            if (model.FixedDirections is { } fixedDirections)
            {
                writer.Line($"config[\"directions\"] = global::LossGen.PythonNames.ConfigValue({FixedDirectionsLiteral(fixedDirections)});");
                writer.Line($"config[\"partition_mode\"] = global::LossGen.PythonNames.ConfigValue(global::LossGen.PartitionMode.{fixedDirections.PartitionMode});");
            }

            writer.Line("return config;");
        }

        writer.Line();
    }

    private static void WriteCollate(IndentedWriter writer, LossModel model)
    {
        if (model.InputKind is not { } kind)
        {
            return;
        }

        foreach (string example in kind.ExampleTypes().Concat(["InputExample"]))
        {
            writer.Line($"/// <summary>Collates <see cref=\"global::LossGen.{example}\"/> rows into the text columns and labels this loss reads; errors name the row.</summary>");
            writer.Line("/// <param name=\"examples\">The examples of one batch.</param>");
            writer.Line("/// <param name=\"device\">Where the label tensor is created; the CPU by default.</param>");
            writer.Line(GeneratedMembers.Collate(example) + " =>");
            writer.Line("    global::LossGen.Collation.Collate(Metadata, examples, device);");
            writer.Line();
        }
    }

    private static void WriteComputeOverrides(IndentedWriter writer, LossModel model)
    {
        if (model.TrainsModelCopy)
        {
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("/// <remarks>The first column is embedded by <see cref=\"CopyModel\"/>, the second by the model being trained.</remarks>");
            writer.Line($"public override {Tensor} Compute(global::LossGen.TextBatch batch) => global::LossGen.SentenceTransformers.ModelCopies.Compute(this, CopyModel, batch);");
        }

        if (model.IsGuided)
        {
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override global::System.Collections.Generic.IReadOnlyList<{Tensor}>? EmbedGuide(global::LossGen.TextBatch batch) => EmbedWithGuide(Guide, batch);");
        }

        if (model.UncachedTwin is null)
        {
            return;
        }

        string miniBatch = model.HyperParameters.First(p => p.Role == HyperParameterRole.MiniBatchSize).Name;
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.Line("/// <remarks>Embeds in mini-batches without a graph and replays each one during <c>backward()</c> (GradCache).</remarks>");
        string tokens = model.HyperParameters.Any(p => p.Name == "MiniBatchNumTokens") ? ", MiniBatchNumTokens" : string.Empty;
        writer.Line($"public override {Tensor} Compute(global::LossGen.TextBatch batch) => global::LossGen.SentenceTransformers.Losses.GradientCache.Compute(this, batch, {miniBatch}{tokens});");
    }

    private static string FlagsLiteral(LossTraits traits) => traits == LossTraits.None
        ? "global::LossGen.LossTraits.None"
        : string.Join(" | ", traits.ToString().Split(',').Select(flag => "global::LossGen.LossTraits." + flag.Trim()));

    private static void WriteForward(IndentedWriter writer, LossModel model)
    {
        writer.Line("/// <inheritdoc />");
        using (writer.Block(GeneratedMembers.ComputeFromEmbeddings))
        {
            if (model.IsWrapper)
            {
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(batch);");
            }
            else
            {
                writer.Line("global::LossGen.LossInputGuard.Check(Metadata, batch);");
            }

            if (model.IsGuided)
            {
                writer.Line("global::LossGen.LossInputGuard.CheckGuide(Metadata, batch);");
            }

            if (model.IsTextOnly)
            {
                writer.Line($"throw new global::System.NotSupportedException(\"{model.ClassName} needs the batch's texts, not only their embeddings; call Compute with a TextBatch.\");");
                return;
            }

            writer.Line($"using var scope = {Torch}NewDisposeScope();");
            ForwardEmitter.Write(writer, model);
            writer.Line("return global::LossGen.LossInputGuard.CheckResult(Metadata, batch, loss).MoveToOuterDisposeScope();");
        }

        if (model.Math is { ReturnsComponents: true } components)
        {
            writer.Line();
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public override global::System.Collections.Generic.IReadOnlyDictionary<string, {Tensor}> ComputeComponents(global::LossGen.SentenceTransformers.Losses.EmbeddingBatch batch)"))
            {
                writer.Line("global::LossGen.LossInputGuard.Check(Metadata, batch);");
                writer.Line($"var components = {components.Name}({string.Join(", ", components.Arguments)});");
                using (writer.Block($"using ({Torch}NewDisposeScope())"))
                {
                    writer.Line("global::LossGen.LossInputGuard.CheckResult(Metadata, batch, global::LossGen.SentenceTransformers.Losses.LossComponents.Sum(Metadata, components));");
                }

                writer.Line("return components;");
            }

            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override global::System.Collections.Generic.IReadOnlyDictionary<string, {Tensor}> ComputeComponents(global::LossGen.TextBatch batch) => ComputeComponents(Embed(batch));");
        }
    }
}
