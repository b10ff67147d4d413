using System.Collections.Immutable;
using System.Linq;
using LossGen.Analyzers.Symbols;
using LossGen.Generators.Diagnostics;
using LossGen.Generators.Models;
using LossGen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Analyzers;

/// <summary>
/// LG0002–LG0021: what makes a <c>[Loss]</c> declaration impossible to generate. It runs the generator's own reader
/// (<c>LossModelBuilder</c>, compiled into this assembly), so it reports exactly the declarations the generator skips,
/// at their real source locations, where <c>#pragma warning disable</c> and <c>.editorconfig</c> reach them.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class LossDeclarationAnalyzer : LossAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = typeof(DiagnosticDescriptors)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToImmutableArray();

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols)
    {
        start.RegisterSymbolAction(
            context =>
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (!symbols.IsLoss(type))
                {
                    return;
                }

                // The generator reads the declaration that carries [Loss]; so does this analyzer.
                AttributeData? loss = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.LossAttribute));
                if (loss?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
                {
                    return;
                }

                LossGenerationResult result = LossModelBuilder.Build(type, declaration, context.CancellationToken);
                foreach (DiagnosticInfo diagnostic in result.Diagnostics)
                {
                    context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
                }
            },
            SymbolKind.NamedType);
    }
}
