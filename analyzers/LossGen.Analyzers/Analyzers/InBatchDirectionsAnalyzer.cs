using System.Collections.Immutable;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>
/// LG1014: constant <c>directions</c> and <c>partition_mode</c> that MultipleNegativesRankingLoss refuses (no
/// <c>QueryToDoc</c>, or <c>PerDirection</c> with <c>QueryToQuery</c> or <c>DocToDoc</c>), which sentence-transformers
/// only finds when the loss is built. The rule is <see cref="InBatchDirectionRules.Refusal"/>, shared with the runtime.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InBatchDirectionsAnalyzer : LossAnalyzer
{
    private const string DirectionsType = "LossGen.InBatchDirections";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.RefusedDirections);

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols) =>
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.ObjectCreation);

    private static void Analyze(OperationAnalysisContext context, LossSymbols symbols)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type || !symbols.IsLoss(type)
            || creation.Argument("directions") is not { Parameter.Type: { } parameterType } directions
            || parameterType.ToDisplayString() != DirectionsType
            || directions.Value.Unwrap().ConstantValue is not { HasValue: true, Value: int flags })
        {
            return;
        }

        // An omitted partition mode is the parameter's default (joint); a non-constant one cannot be judged.
        IArgumentOperation? partition = creation.Argument("partitionMode");
        int mode = partition is null ? (int)PartitionMode.Joint
            : partition.Value.Unwrap().ConstantValue is { HasValue: true, Value: int constant } ? constant
            : -1;
        if (mode >= 0 && InBatchDirectionRules.Refusal((InBatchDirections)flags, (PartitionMode)mode) is string refusal)
        {
            SyntaxNode at = directions.ArgumentKind == ArgumentKind.DefaultValue ? partition!.Value.Syntax : directions.Value.Syntax;
            context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.RefusedDirections, at.GetLocation(), type.Name, refusal));
        }
    }
}
