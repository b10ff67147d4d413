extern alias Runtime;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Generators.Tests.Support;

/// <summary>Builds compilations against .NET 10, the LossGen runtime and TorchSharp, and runs the generator on them.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Runtime::LossGen.LossAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(LossGen.Tokenizers.TextTokenizer).Assembly.Location),
    ];

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Consumer",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error)
            // As the .NET SDK does by default: TorchSharp is built against an older System.Runtime.
            .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new LossGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// Runs the generator and the declaration analyzer, as a build does; returns the output compilation, the
    /// generator's and the analyzer's diagnostics, and the generated sources by hint name.
    /// </summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyDictionary<string, string> Sources) Run(params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        var generated = driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return (output, diagnostics.AddRange(DeclarationDiagnostics(compilation)), generated);
    }

    /// <summary>What <see cref="LossGen.Analyzers.LossDeclarationAnalyzer"/> reports, suppressions in source applied.</summary>
    public static ImmutableArray<Diagnostic> DeclarationDiagnostics(Compilation compilation) => compilation
        .WithAnalyzers([new LossGen.Analyzers.LossDeclarationAnalyzer()])
        .GetAnalyzerDiagnosticsAsync()
        .GetAwaiter()
        .GetResult();

    /// <summary>
    /// Asserts that the generator left the compiler nothing to report: no error in generated code and none from a
    /// missing generated member, so that a build shows LossGen's diagnostics. The compiler errors a declaration causes
    /// on its own (a circular base class, CS0146; LossGen's attributes on a struct, CS0592) are the user's to see.
    /// </summary>
    public static void AssertOnlyLossGenErrors(Compilation output)
    {
        Diagnostic[] errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id is not ("CS0146" or "CS0592")).ToArray();
        Xunit.Assert.True(errors.Length == 0, Describe(errors));
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
