using System.Collections.Immutable;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using LossGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>LG1007: a loss whose declaration recommends a batch sampler (<c>[RecommendsSampler]</c>) is created in a method that never creates it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RecommendedSamplerAnalyzer : DataPipelineAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.MissingSampler);

    /// <inheritdoc />
    internal override void Check(OperationBlockAnalysisContext context, DataPipeline pipeline, IObjectCreationOperation creation, INamedTypeSymbol loss)
    {
        if (LossSymbols.TypeArgument(loss, KnownNames.RecommendsSamplerAttribute) is not { } sampler || pipeline.Creates(sampler))
        {
            return;
        }

        string why = sampler.Name.StartsWith("GroupByLabel", System.StringComparison.Ordinal)
            ? "batches of randomly drawn examples may hold no two examples of a label, and then there is nothing to mine"
            : "a batch may hold the same text twice, which then counts as a false negative";
        var properties = ImmutableDictionary<string, string?>.Empty.Add("Sampler", sampler.ToDisplayString());
        context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.MissingSampler, creation.Syntax.GetLocation(), properties, loss.Name, pipeline.Member, sampler.Name, why));
    }
}
