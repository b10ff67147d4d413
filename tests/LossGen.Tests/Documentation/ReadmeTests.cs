using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using LossGen.SentenceTransformers.Losses;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Documentation;

/// <summary>
/// The README is a front page whose counts describe the code; the catalogue table lists exactly the catalogue; every
/// relative link of the README and docs/ leads to a file.
/// </summary>
public sealed class ReadmeTests
{
    private static readonly Type[] Catalogue = typeof(MultipleNegativesRankingLoss).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<LossAttribute>() is not null)
        .ToArray();

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([RepositoryPaths.Root, .. path]));

    [Fact]
    public void The_readme_is_a_front_page()
    {
        Assert.InRange(Read("README.md").Split('\n').Length, 1, 180);
    }

    [Fact]
    public void The_readme_counts_the_catalogue_s_declarations_as_they_are()
    {
        Type[] biEncoder = Family(ModelFamily.SentenceTransformer);
        int grammar = biEncoder.Count(t => t.GetCustomAttribute<ObjectiveAttribute>() is not null);
        int math = biEncoder.Count(HasLossMath);
        int textOnly = biEncoder.Count(t => t.GetCustomAttribute<TextOnlyAttribute>() is not null);
        Assert.Equal(biEncoder.Length, grammar + math + textOnly);

        string readme = Regex.Replace(Read("README.md"), @"\s+", " ");
        Match counts = Regex.Match(readme, @"(\d+) of the (\d+) bi-encoder catalogue losses are grammar declarations; (\d+) supply their math as a `\[LossMath\]` method .*?; (\d+) is `\[TextOnly\]`");
        Assert.True(counts.Success, "the README's sentence counting the bi-encoder declarations is missing");
        Assert.Equal([grammar, biEncoder.Length, math, textOnly], counts.Groups.Values.Skip(1).Select(g => int.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture)));

        Type[] crossEncoder = Family(ModelFamily.CrossEncoder);
        Match rerankers = Regex.Match(readme, @"All (\d+) cross-encoder \(reranker\) losses, `\[Loss\(ModelFamily\.CrossEncoder\)\]`, are grammar declarations");
        Assert.True(rerankers.Success, "the README's sentence counting the cross-encoder declarations is missing");
        Assert.Equal(crossEncoder.Length, int.Parse(rerankers.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(crossEncoder, t => Assert.True(t.GetCustomAttribute<ObjectiveAttribute>() is not null, $"{t.Name} is not a grammar declaration, which the README says every cross-encoder loss is."));
    }

    private static Type[] Family(ModelFamily family) => Catalogue.Where(t => t.GetCustomAttribute<LossAttribute>()!.Family == family).ToArray();

    private static bool HasLossMath(Type type) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Any(m => m.GetCustomAttribute<LossMathAttribute>() is not null);

    [Fact]
    public void The_catalogue_table_lists_every_catalogue_loss_once_and_nothing_else()
    {
        // One table per family: MSELoss and MarginMSELoss, for instance, are in both.
        string[] lines = Read("losses", "README.md").Split('\n');
        string[] rows = lines.Select((line, index) => (line, index))
            .Where(l => l.line.StartsWith("| loss | input kind", StringComparison.Ordinal))
            .SelectMany(header => lines.Skip(header.index + 2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|')[1].Trim()))
            .ToArray();
        Assert.Equal(Catalogue.Select(t => t.Name).Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_relative_link_of_the_readme_and_docs_leads_to_a_file()
    {
        string[] pages = [Path.Combine(RepositoryPaths.Root, "README.md"), .. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md")];
        foreach (string page in pages)
        {
            foreach (Match link in Regex.Matches(File.ReadAllText(page), @"\]\(([^)#:]+)(#[^)]*)?\)"))
            {
                string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, link.Groups[1].Value));
                Assert.True(File.Exists(target) || Directory.Exists(target), $"{Path.GetFileName(page)} links to {link.Groups[1].Value}, which does not exist");
            }
        }
    }
}
