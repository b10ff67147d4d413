using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>
/// Checks, per method, that a loss gets the data pipeline its declaration asks for: the loader it requires
/// (<c>[RequiresLoader]</c>), no loader it refuses (<c>[RefusesLoader]</c>), the batch sampler it recommends
/// (<c>[RecommendsSampler]</c>), and more than one example per batch for in-batch negative losses.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LoaderAnalyzer : LossAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(UsageDescriptors.MissingLoader, UsageDescriptors.RefusedLoader, UsageDescriptors.MissingSampler, UsageDescriptors.BatchSizeOne);

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols)
    {
    start.RegisterOperationBlockStartAction(block =>
    {
        var losses = new ConcurrentBag<IObjectCreationOperation>();
        var created = new ConcurrentBag<INamedTypeSymbol>();
        var batchOfOne = new ConcurrentBag<IOperation>();
        block.RegisterOperationAction(c => OnCreation(c, symbols, losses, created, batchOfOne), OperationKind.ObjectCreation);
        block.RegisterOperationAction(c => OnInvocation(c, batchOfOne), OperationKind.Invocation);
        block.RegisterOperationBlockEndAction(end => Check(end, losses, created, batchOfOne));
    });
    }

    private static void OnCreation(OperationAnalysisContext context, LossSymbols symbols, ConcurrentBag<IObjectCreationOperation> losses, ConcurrentBag<INamedTypeSymbol> created, ConcurrentBag<IOperation> batchOfOne)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        created.Add(type.OriginalDefinition);
        if (symbols.IsLoss(type))
        {
            losses.Add(creation);
        }

        if (creation.Argument("batchSize") is { } size && size.Value.Unwrap().ConstantValue is { HasValue: true, Value: 1 })
        {
            batchOfOne.Add(size);
        }
    }

    private static void OnInvocation(OperationAnalysisContext context, ConcurrentBag<IOperation> batchOfOne)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name == "Chunk" && invocation.Arguments.LastOrDefault()?.Value.Unwrap().ConstantValue is { HasValue: true, Value: 1 })
        {
            batchOfOne.Add(invocation);
        }
    }

    private static void Check(OperationBlockAnalysisContext context, ConcurrentBag<IObjectCreationOperation> losses, ConcurrentBag<INamedTypeSymbol> created, ConcurrentBag<IOperation> batchOfOne)
    {
        string member = context.OwningSymbol.Name;
        var types = new HashSet<INamedTypeSymbol>(created, SymbolEqualityComparer.Default);
        foreach (IObjectCreationOperation creation in losses)
        {
            var loss = (INamedTypeSymbol)creation.Type!;
            Location location = creation.Syntax.GetLocation();
            if (LossSymbols.TypeArgument(loss, "RequiresLoaderAttribute") is { } required && !types.Contains(required.OriginalDefinition))
            {
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.MissingLoader, location, loss.Name, member, required.Name));
            }

            if (LossSymbols.TypeArgument(loss, "RefusesLoaderAttribute") is { } refused && types.Contains(refused.OriginalDefinition))
            {
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.RefusedLoader, location, loss.Name, member, refused.Name));
            }

            if (LossSymbols.TypeArgument(loss, "RecommendsSamplerAttribute") is { } sampler && !types.Contains(sampler.OriginalDefinition))
            {
                string why = sampler.Name.StartsWith("GroupByLabel", System.StringComparison.Ordinal)
                    ? "batches of randomly drawn examples may hold no two examples of a label, and then there is nothing to mine"
                    : "a batch may hold the same text twice, which then counts as a false negative";
                var properties = ImmutableDictionary<string, string?>.Empty.Add("Sampler", sampler.ToDisplayString());
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.MissingSampler, location, properties, loss.Name, member, sampler.Name, why));
            }

            bool inBatchNegatives = LossSymbols.Pairing(loss) is "InBatchNegatives" or "SymmetricInBatchNegatives";
            if (inBatchNegatives && !batchOfOne.IsEmpty)
            {
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.BatchSizeOne, batchOfOne.First().Syntax.GetLocation(), loss.Name));
            }
        }
    }
}
