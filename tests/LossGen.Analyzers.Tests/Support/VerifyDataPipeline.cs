using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LossGen.Analyzers.Tests.Support;

/// <summary>Runs every data-pipeline rule (LG1005–LG1010) on a source, so that a case can assert that no rule fires but the one it expects.</summary>
public static class VerifyDataPipeline
{
    public static Task Analyze(string source, params DiagnosticResult[] expected)
    {
        var test = new AllRules { TestCode = Verify<RequiredLoaderAnalyzer>.Usings + source };
        Verify<RequiredLoaderAnalyzer>.Configure(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private sealed class AllRules : CSharpAnalyzerTest<RequiredLoaderAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
        [
            new RequiredLoaderAnalyzer(), new RefusedLoaderAnalyzer(), new RecommendedSamplerAnalyzer(),
            new SingleExampleBatchAnalyzer(), new SmallBatchAnalyzer(), new MiniBatchDivisionAnalyzer(),
        ];
    }
}
