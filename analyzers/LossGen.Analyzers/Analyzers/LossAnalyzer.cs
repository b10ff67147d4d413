using Microsoft.CodeAnalysis.Diagnostics;
using LossGen.Analyzers.Symbols;

namespace LossGen.Analyzers;

/// <summary>The shared set-up of LossGen's analyzers: they run only in compilations that reference LossGen.</summary>
public abstract class LossAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (LossSymbols.From(start.Compilation) is { } symbols)
            {
                OnCompilationStart(start, symbols);
            }
        });
    }

    /// <summary>Registers the analyzer's actions for a compilation that references LossGen.</summary>
    internal abstract void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols);
}
