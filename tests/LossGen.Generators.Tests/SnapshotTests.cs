using System.Linq;
using LossGen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Generators.Tests;

/// <summary>The generated source of every catalogue declaration, compared strictly with its committed snapshot.</summary>
public sealed class SnapshotTests
{
    private static readonly (Compilation Output, System.Collections.Immutable.ImmutableArray<Diagnostic> Diagnostics, System.Collections.Generic.IReadOnlyDictionary<string, string> Sources) Result =
        GeneratorHarness.Run(Catalogue.Sources());

    public static TheoryData<string> Declarations()
    {
        var data = new TheoryData<string>();
        foreach (string hint in Result.Sources.Keys.Order(System.StringComparer.Ordinal))
        {
            data.Add(hint);
        }

        return data;
    }

    [Fact]
    public void Every_catalogue_declaration_generates_source()
    {
        Assert.Empty(Result.Diagnostics);
        Assert.Equal(Catalogue.Declarations().Count(), Result.Sources.Count);
    }

    [Fact]
    public void Generated_code_compiles_with_nullable_enabled_and_warnings_as_errors()
    {
        Diagnostic[] problems = Result.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, GeneratorHarness.Describe(problems));
    }

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Generated_source_matches_its_snapshot(string hintName) =>
        Snapshot.Match(hintName.Replace(".g.cs", string.Empty, System.StringComparison.Ordinal), Result.Sources[hintName]);
}
