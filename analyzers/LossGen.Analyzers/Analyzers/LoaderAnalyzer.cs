using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using LossGen.Generators;
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
        ImmutableArray.Create(UsageDescriptors.MissingLoader, UsageDescriptors.RefusedLoader, UsageDescriptors.MissingSampler, UsageDescriptors.BatchSizeOne, UsageDescriptors.BatchSizeBelowAdvice, UsageDescriptors.MiniBatchDoesNotDivide);

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols) =>
        start.RegisterOperationBlockStartAction(block =>
        {
            var losses = new ConcurrentBag<IObjectCreationOperation>();
            var created = new ConcurrentBag<INamedTypeSymbol>();
            var batchSizes = new ConcurrentBag<(IOperation Operation, int Size)>();
            block.RegisterOperationAction(c => OnCreation(c, symbols, losses, created, batchSizes), OperationKind.ObjectCreation);
            block.RegisterOperationAction(c => OnInvocation(c, batchSizes), OperationKind.Invocation);
            block.RegisterOperationBlockEndAction(end => Check(end, losses, created, batchSizes));
        });

    private static void OnCreation(OperationAnalysisContext context, LossSymbols symbols, ConcurrentBag<IObjectCreationOperation> losses, ConcurrentBag<INamedTypeSymbol> created, ConcurrentBag<(IOperation, int)> batchSizes)
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

        if (creation.Argument("batchSize") is { } size && size.Value.Unwrap().ConstantValue is { HasValue: true, Value: int constant })
        {
            batchSizes.Add((size, constant));
        }
    }

    private static void OnInvocation(OperationAnalysisContext context, ConcurrentBag<(IOperation, int)> batchSizes)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name == "Chunk" && invocation.Arguments.LastOrDefault()?.Value.Unwrap().ConstantValue is { HasValue: true, Value: int size })
        {
            batchSizes.Add((invocation, size));
        }
    }

    private static void Check(OperationBlockAnalysisContext context, ConcurrentBag<IObjectCreationOperation> losses, ConcurrentBag<INamedTypeSymbol> created, ConcurrentBag<(IOperation Operation, int Size)> batchSizes)
    {
        string member = context.OwningSymbol.Name;
        var types = new HashSet<INamedTypeSymbol>(created, SymbolEqualityComparer.Default);
        foreach (IObjectCreationOperation creation in losses)
        {
            var loss = (INamedTypeSymbol)creation.Type!;
            Location location = creation.Syntax.GetLocation();
            if (LossSymbols.TypeArgument(loss, KnownNames.RequiresLoaderAttribute) is { } required && !types.Contains(required.OriginalDefinition))
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add("Loader", required.ToDisplayString());
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.MissingLoader, location, properties, loss.Name, member, required.Name));
            }

            if (LossSymbols.TypeArgument(loss, KnownNames.RefusesLoaderAttribute) is { } refused && types.Contains(refused.OriginalDefinition))
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add("Loader", refused.ToDisplayString());
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.RefusedLoader, location, properties, loss.Name, member, refused.Name));
            }

            if (LossSymbols.TypeArgument(loss, KnownNames.RecommendsSamplerAttribute) is { } sampler && !types.Contains(sampler.OriginalDefinition))
            {
                string why = sampler.Name.StartsWith("GroupByLabel", System.StringComparison.Ordinal)
                    ? "batches of randomly drawn examples may hold no two examples of a label, and then there is nothing to mine"
                    : "a batch may hold the same text twice, which then counts as a false negative";
                var properties = ImmutableDictionary<string, string?>.Empty.Add("Sampler", sampler.ToDisplayString());
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.MissingSampler, location, properties, loss.Name, member, sampler.Name, why));
            }

            bool inBatchNegatives = LossSymbols.Pairing(loss) is { } pairing && LossGrammar.UsesInBatchNegatives(pairing);
            if (inBatchNegatives && batchSizes.FirstOrDefault(b => b.Size == 1) is { Operation: { } single })
            {
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.BatchSizeOne, single.Syntax.GetLocation(), loss.Name));
            }

            CheckBatchSizeAdvice(context, creation, loss, member, batchSizes);
        }
    }

    // [BatchSizeAdvice]: a minimum batch size, and a mini-batch size that divides the batch size.
    private static void CheckBatchSizeAdvice(OperationBlockAnalysisContext context, IObjectCreationOperation creation, INamedTypeSymbol loss, string member, ConcurrentBag<(IOperation Operation, int Size)> batchSizes)
    {
        if (LossSymbols.Attribute(loss, KnownNames.BatchSizeAdviceAttribute) is not { } advice)
        {
            return;
        }

        int minimum = advice.NamedArguments.FirstOrDefault(a => a.Key == "Minimum").Value.Value is int m ? m : 0;
        bool divides = advice.NamedArguments.FirstOrDefault(a => a.Key == "MiniBatchDivides").Value.Value is true;
        int? miniBatch = creation.Argument("miniBatchSize")?.Value.Unwrap().ConstantValue is { HasValue: true, Value: int given } ? given
            : LossSymbols.HyperParameter(loss, "miniBatchSize") is { } parameter && parameter.Property.GetAttributes().FirstOrDefault()?.ConstructorArguments.FirstOrDefault().Value is int declared ? declared
            : null;
        foreach ((IOperation operation, int size) in batchSizes)
        {
            if (size < minimum)
            {
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.BatchSizeBelowAdvice, operation.Syntax.GetLocation(), loss.Name, minimum, member, size));
            }

            if (divides && miniBatch is int chunk && chunk > 0 && size % chunk != 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.MiniBatchDoesNotDivide, operation.Syntax.GetLocation(), loss.Name, chunk, size, member));
            }
        }
    }
}
