using System.Collections.Immutable;
using LossGen.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>LG1010: a loss whose mini-batch size must divide the batch size (<c>[BatchSizeAdvice(MiniBatchDivides = true)]</c>) is fed a batch size it does not divide.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MiniBatchDivisionAnalyzer : DataPipelineAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.MiniBatchDoesNotDivide);

    /// <inheritdoc />
    internal override void Check(OperationBlockAnalysisContext context, DataPipeline pipeline, IObjectCreationOperation creation, INamedTypeSymbol loss)
    {
        if (BatchSizeAdvice.Of(creation, loss) is not { MiniBatch: int chunk } || chunk <= 0)
        {
            return;
        }

        foreach ((IOperation operation, int size) in pipeline.BatchSizes)
        {
            if (size % chunk != 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.MiniBatchDoesNotDivide, operation.Syntax.GetLocation(), loss.Name, chunk, size, pipeline.Member));
            }
        }
    }
}
