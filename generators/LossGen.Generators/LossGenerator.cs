using LossGen.Generators.Emission;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;
using LossGen.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace LossGen.Generators;

/// <summary>
/// Turns each <c>[Loss]</c> partial class into its TorchSharp implementation. All semantic work happens in the transform;
/// the pipeline then carries only equatable data, with diagnostics split from output so that neither disturbs the other's cache.
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
                static (syntaxContext, cancellationToken) => LossModelBuilder.Build(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Transform);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (production, infos) =>
        {
            foreach (DiagnosticInfo info in infos)
            {
                production.ReportDiagnostic(info.ToDiagnostic());
            }
        });

        IncrementalValuesProvider<LossModel> models = results
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Output);
        context.RegisterSourceOutput(models, static (production, model) => production.AddSource(LossEmitter.HintName(model), LossEmitter.Emit(model)));
    }
}
