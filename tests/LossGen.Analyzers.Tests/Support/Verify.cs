using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LossGen.Analyzers.Tests.Support;

/// <summary>Analyzer and code-fix tests against .NET 10 reference assemblies, the LossGen runtime and its catalogue, with no download.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    internal const string Usings = "using System.Collections.Generic;\nusing System.Linq;\nusing LossGen;\nusing LossGen.SentenceTransformers;\nusing LossGen.SentenceTransformers.Losses;\n";

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Error).WithSeverity(Severity(id));

    public static Task Analyze(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = Usings + source };
        Configure(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task Fix<TCodeFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { TestCode = Usings + source, FixedCode = Usings + fixedSource };
        Configure(test.TestState);
        Configure(test.FixedState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    internal static void Configure(SolutionState state)
    {
        state.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(LossGen.SentenceTransformers.Losses.SentenceLoss).Assembly.Location));
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(LossGen.SentenceTransformers.Losses.MatryoshkaLoss).Assembly.Location));
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location));
    }

    private static DiagnosticSeverity Severity(string id) => id switch
    {
        "LG1002" or "LG1005" or "LG1006" or "LG1008" or "LG1010" => DiagnosticSeverity.Warning,
        "LG1007" or "LG1009" => DiagnosticSeverity.Info,
        _ => DiagnosticSeverity.Error,
    };
}
