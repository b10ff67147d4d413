using System.Collections.Immutable;
using System.Linq;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Analyzers;

/// <summary>LG0001: a <c>[Loss]</c> class must be <c>partial</c>, or the generator has nowhere to put its implementation.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartialLossAnalyzer : LossAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.LossNotPartial);

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols)
    {
        start.RegisterSymbolAction(
            c =>
            {
                var type = (INamedTypeSymbol)c.Symbol;
                if (!symbols.IsLoss(type))
                {
                    return;
                }

                foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(c.CancellationToken) is ClassDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.LossNotPartial, declaration.Identifier.GetLocation(), type.Name));
                    }
                }
            },
            SymbolKind.NamedType);
    }
}
