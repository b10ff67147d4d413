using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LossGen.Tests.Shared;
using Xunit;

namespace LossGen.Tests.Documentation;

/// <summary>
/// The runtime's folders are its namespaces (CONTRIBUTING, "Families, folders and namespaces"): <c>Base/</c> adds no
/// segment, its vocabulary folders are the root namespace, and every other folder is one segment.
/// </summary>
public sealed partial class NamespaceLayoutTests
{
    private static readonly string[] RootNamespaceFolders = ["Dsl", "Examples", "Similarity", "Data"];

    [Fact]
    public void Every_runtime_file_is_in_the_namespace_its_folder_names()
    {
        string root = Path.Combine(RepositoryRoot.Path, "runtime", "LossGen.Runtime");
        var wrong = new List<string>();
        foreach (string file in SourceFiles(root))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            string expected = Expected(relative);
            string? actual = NamespaceLine().Match(File.ReadAllText(file)) is { Success: true } match ? match.Groups[1].Value : null;
            if (actual != expected)
            {
                wrong.Add($"{relative}: namespace {actual ?? "(none)"}, its folder says {expected}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void The_runtime_top_level_is_the_base_and_the_families()
    {
        string root = Path.Combine(RepositoryRoot.Path, "runtime", "LossGen.Runtime");
        string[] folders = Directory.GetDirectories(root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "buildTransitive")).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Contains("Base", folders);
        Assert.All(folders.Where(f => f != "Base"), f => Assert.EndsWith("s", f, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(root, "*.cs"));
    }

    [Theory]
    [InlineData("Base/Dsl/Facts/LossGrammar.cs", "LossGen")]
    [InlineData("Base/Backbones/Bert/BertModel.cs", "LossGen.Backbones.Bert")]
    [InlineData("Base/Cpu/CpuFeatures.cs", "LossGen.Cpu")]
    [InlineData("SentenceTransformers/Evaluation/TripletEvaluator.cs", "LossGen.SentenceTransformers.Evaluation")]
    [InlineData("SentenceTransformers/SentenceTransformer.cs", "LossGen.SentenceTransformers")]
    public void The_rule_maps_folders_as_documented(string relative, string expected) => Assert.Equal(expected, Expected(relative));

    private static string Expected(string relative)
    {
        string[] folders = relative.Split('/')[..^1];
        if (folders is ["Base", ..])
        {
            folders = folders[1..];
            if (folders.Length > 0 && RootNamespaceFolders.Contains(folders[0]))
            {
                folders = [];
            }
        }

        return string.Join('.', ["LossGen", .. folders]);
    }

    private static IEnumerable<string> SourceFiles(string root) => Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
        .Where(p => !Regex.IsMatch(p.Replace('\\', '/'), "/(bin|obj|buildTransitive)/"));

    [GeneratedRegex(@"^namespace ([A-Za-z0-9_.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();
}
