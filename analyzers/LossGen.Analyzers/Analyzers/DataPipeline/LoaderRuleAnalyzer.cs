using LossGen.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>
/// A rule about the data loader a loss's declaration names (<c>[RequiresLoader]</c>, <c>[RefusesLoader]</c>): it fires
/// when the method creating the loss creates that loader (<see cref="FiresWhenCreated"/>) or fails to.
/// </summary>
public abstract class LoaderRuleAnalyzer : DataPipelineAnalyzer
{
    /// <summary>The metadata name of the attribute that names the loader.</summary>
    private protected abstract string Attribute { get; }

    /// <summary>Whether the rule fires when the method creates the loader (a refused one) rather than when it does not.</summary>
    private protected abstract bool FiresWhenCreated { get; }

    /// <summary>What the rule reports.</summary>
    private protected abstract DiagnosticDescriptor Descriptor { get; }

    /// <inheritdoc />
    internal sealed override void Check(OperationBlockAnalysisContext context, DataPipeline pipeline, IObjectCreationOperation creation, INamedTypeSymbol loss)
    {
        if (LossSymbols.TypeArgument(loss, Attribute) is { } loader && pipeline.Creates(loader) == FiresWhenCreated)
        {
            // The code fixes read which loader the rule meant.
            var properties = System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add("Loader", loader.ToDisplayString());
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, creation.Syntax.GetLocation(), properties, loss.Name, pipeline.Member, loader.Name));
        }
    }
}
