using System;
using System.IO;
using System.Linq;
using System.Text;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Documentation;

/// <summary>
/// The grammar table in generators/README.md is rendered from <see cref="LossGrammar.Rules"/>, the table the generator
/// and the analyzers compile; set LOSSGEN_ACCEPT_SNAPSHOTS=1 to rewrite it after changing a rule.
/// </summary>
public sealed class GrammarTableTests
{
    private const string Start = "<!-- grammar-table:start (rendered from LossGrammar.Rules by GrammarTableTests) -->";
    private const string End = "<!-- grammar-table:end -->";

    [Fact]
    public void The_readme_grammar_table_is_the_rule_table()
    {
        string path = Path.Combine(RepositoryPaths.Root, "generators", "README.md");
        string readme = File.ReadAllText(path);
        int start = readme.IndexOf(Start, StringComparison.Ordinal);
        int end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{path} has no {Start} … {End} block.");

        string expected = Start + "\n" + Render() + End;
        string actual = readme.Substring(start, end + End.Length - start);
        if (actual != expected && Environment.GetEnvironmentVariable("LOSSGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, readme.Replace(actual, expected, StringComparison.Ordinal));
            return;
        }

        Assert.Equal(expected, actual);
    }

    private static string Render()
    {
        var table = new StringBuilder();
        table.Append("| family | pairing | objective | labels | compares with | needs | also reads (reference default) | guide | chunks by `[MiniBatchSize]` | math |\n|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (LossRule rule in LossGrammar.Rules)
        {
            string needs = rule.RequiredRoles.Count == 0 ? "—" : string.Join(", ", rule.RequiredRoles.Select(role => $"`[{role}]`"));
            string reads = rule.OptionalParameters.Count == 0 ? "—" : string.Join(", ", rule.OptionalParameters.Select(p => $"`{p.Name}` ({p.ReferenceDefault.Replace("global::LossGen.", string.Empty, StringComparison.Ordinal)})"));
            table.Append($"| {rule.Family} | `{rule.Pairing}` | `{rule.Objective}` | {rule.Label} | {Compares(rule)} | {needs} | {reads} | {(rule.NeedsGuide ? "yes" : "—")} | {(rule.ChunksByMiniBatch ? "yes" : "—")} | `{rule.Math}` |\n");
        }

        return table.ToString();
    }

    private static string Compares(LossRule rule) => rule.Comparison switch
    {
        EmbeddingComparison.None when rule.Family == ModelFamily.CrossEncoder => "the model's logits, after `ActivationFn`",
        EmbeddingComparison.SimilarityMatrix => "an N×M `[Similarity]`",
        EmbeddingComparison.PairwiseSimilarity => "a row-wise `[Similarity]`",
        EmbeddingComparison.None => "its own (fixed by the rule)",
        _ => $"a `[Distance]` of type `{rule.Comparison.ToString().Replace("Distance", string.Empty, StringComparison.Ordinal)}DistanceMetric`",
    };
}
