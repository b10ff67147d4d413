using System.Collections.Immutable;
using LossGen.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>LG1009: a loss meant for larger batches (<c>[BatchSizeAdvice(Minimum = n)]</c>) is fed smaller ones.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SmallBatchAnalyzer : DataPipelineAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.BatchSizeBelowAdvice);

    /// <inheritdoc />
    internal override void Check(OperationBlockAnalysisContext context, DataPipeline pipeline, IObjectCreationOperation creation, INamedTypeSymbol loss)
    {
        if (BatchSizeAdvice.Of(creation, loss) is not { Minimum: > 0 } advice)
        {
            return;
        }

        foreach ((IOperation operation, int size) in pipeline.BatchSizes)
        {
            if (size < advice.Minimum)
            {
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.BatchSizeBelowAdvice, operation.Syntax.GetLocation(), loss.Name, advice.Minimum, pipeline.Member, size));
            }
        }
    }
}
