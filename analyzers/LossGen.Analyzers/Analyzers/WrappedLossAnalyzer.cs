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
/// Flags a wrapper (<c>[Wraps]</c>) given a loss whose traits it refuses, such as a gradient-cached loss inside
/// MatryoshkaLoss, and a wrapper nested in itself. The refused traits are read from the wrapper's declaration.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WrappedLossAnalyzer : LossAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(UsageDescriptors.WrappedRefusedLoss, UsageDescriptors.WrapperInItself);

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols)
    {
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.ObjectCreation);
    }

    private static void Analyze(OperationAnalysisContext context, LossSymbols symbols)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol wrapper || !symbols.IsLoss(wrapper) || !LossSymbols.IsWrapper(wrapper)
            || creation.Argument("loss") is not { } argument || argument.Value.KnownType() is not INamedTypeSymbol inner || !symbols.IsLoss(inner))
        {
            return;
        }

        Location location = argument.Value.Syntax.GetLocation();
        IReadOnlyList<string> refused = LossSymbols.Names(LossSymbols.Traits(inner) & LossSymbols.RefusedTraits(wrapper));
        if (refused.Count > 0)
        {
            string advice = LossSymbols.UncachedTwin(inner) is { } twin ? $"; use {twin.Name}, which computes the same loss without the cache" : string.Empty;
            var properties = ImmutableDictionary<string, string?>.Empty.Add("Twin", LossSymbols.UncachedTwin(inner)?.ToDisplayString());
            context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.WrappedRefusedLoss, location, properties, wrapper.Name, inner.Name, string.Join(" and ", refused), advice));
        }

        if (SymbolEqualityComparer.Default.Equals(wrapper, inner))
        {
            context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.WrapperInItself, location, wrapper.Name));
        }
    }
}
