using System.Collections.Immutable;
using System.Linq;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>LG1008: a loss of an in-batch-negatives pairing is fed batches of one example, which hold no negative.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SingleExampleBatchAnalyzer : DataPipelineAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.BatchSizeOne);

    /// <inheritdoc />
    internal override void Check(OperationBlockAnalysisContext context, DataPipeline pipeline, IObjectCreationOperation creation, INamedTypeSymbol loss)
    {
        if (LossSymbols.Pairing(loss) is { } pairing && LossGrammar.UsesInBatchNegatives(pairing) && pipeline.BatchSizes.FirstOrDefault(b => b.Size == 1) is { Operation: { } single })
        {
            context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.BatchSizeOne, single.Syntax.GetLocation(), loss.Name));
        }
    }
}
