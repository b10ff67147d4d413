using System.Collections.Immutable;
using LossGen.Analyzers.Diagnostics;
using LossGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Analyzers;

/// <summary>LG1005: a loss whose declaration requires a data loader (<c>[RequiresLoader]</c>) is created in a method that never creates it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequiredLoaderAnalyzer : LoaderRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.MissingLoader);

    private protected override string Attribute => KnownNames.RequiresLoaderAttribute;

    private protected override bool FiresWhenCreated => false;

    private protected override DiagnosticDescriptor Descriptor => UsageDescriptors.MissingLoader;
}
