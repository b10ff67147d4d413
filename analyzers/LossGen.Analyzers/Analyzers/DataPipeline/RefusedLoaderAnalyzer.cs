using System.Collections.Immutable;
using LossGen.Analyzers.Diagnostics;
using LossGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Analyzers;

/// <summary>LG1006: a loss is created in a method that also creates a data loader its declaration refuses (<c>[RefusesLoader]</c>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RefusedLoaderAnalyzer : LoaderRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.RefusedLoader);

    private protected override string Attribute => KnownNames.RefusesLoaderAttribute;

    private protected override bool FiresWhenCreated => true;

    private protected override DiagnosticDescriptor Descriptor => UsageDescriptors.RefusedLoader;
}
