using LossGen.Generators.Emission;
using LossGen.Generators.Models;
using LossGen.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace LossGen.Generators;

/// <summary>
/// Turns each <c>[Loss]</c> partial class into its TorchSharp implementation. All semantic work happens in the transform;
/// the pipeline then carries only equatable data. A declaration with an error yields no model: its diagnostics are
/// reported by LossGen.Analyzers (<c>LossDeclarationAnalyzer</c>), which runs the same reader, so they have real source
/// locations and can be suppressed like any analyzer diagnostic. It yields a stand-in instead, which only completes the
/// declaration: a command-line build reports no analyzer diagnostic once the compiler has an error of its own, so the
/// declaration must still compile for its LG diagnostics to reach the build.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LossGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<LossGenerationResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.LossAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                static (syntaxContext, cancellationToken) => LossModelBuilder.Build(syntaxContext.TargetSymbol, syntaxContext.TargetNode, cancellationToken))
            .WithTrackingName(TrackingNames.Transform);

        IncrementalValuesProvider<LossModel> models = results
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Output);
        context.RegisterSourceOutput(models, static (production, model) => production.AddSource(LossEmitter.HintName(model), LossEmitter.Emit(model)));

        IncrementalValuesProvider<LossStandIn> standIns = results
            .Select(static (result, _) => result.StandIn)
            .Where(static standIn => standIn is not null)
            .Select(static (standIn, _) => standIn!)
            .WithTrackingName(TrackingNames.StandIn);
        context.RegisterSourceOutput(standIns, static (production, standIn) => production.AddSource(StandInEmitter.HintName(standIn), StandInEmitter.Emit(standIn)));
    }
}
