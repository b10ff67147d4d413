using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using LossGen.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>
/// The base of the analyzers that check, per method, that a loss gets the data pipeline its declaration asks for:
/// it gathers what the method creates (losses, loaders, samplers) and the constant batch sizes it uses, then each rule
/// checks that <see cref="DataPipeline"/> against the losses' declarations.
/// </summary>
public abstract class DataPipelineAnalyzer : LossAnalyzer
{
    /// <inheritdoc />
    internal sealed override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols) =>
        start.RegisterOperationBlockStartAction(block =>
        {
            var losses = new ConcurrentBag<IObjectCreationOperation>();
            var created = new ConcurrentBag<INamedTypeSymbol>();
            var batchSizes = new ConcurrentBag<(IOperation Operation, int Size)>();
            block.RegisterOperationAction(c => OnCreation(c, symbols, losses, created, batchSizes), OperationKind.ObjectCreation);
            block.RegisterOperationAction(c => OnInvocation(c, batchSizes), OperationKind.Invocation);
            block.RegisterOperationBlockEndAction(end =>
            {
                var pipeline = new DataPipeline(end.OwningSymbol.Name, new HashSet<INamedTypeSymbol>(created, SymbolEqualityComparer.Default), batchSizes.ToArray());
                foreach (IObjectCreationOperation creation in losses)
                {
                    Check(end, pipeline, creation, (INamedTypeSymbol)creation.Type!);
                }
            });
        });

    /// <summary>Checks the loss created by <paramref name="creation"/> against what its method's <paramref name="pipeline"/> does.</summary>
    internal abstract void Check(OperationBlockAnalysisContext context, DataPipeline pipeline, IObjectCreationOperation creation, INamedTypeSymbol loss);

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
}
