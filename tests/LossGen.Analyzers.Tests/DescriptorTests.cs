using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Analyzers.Tests;

/// <summary>Every usage diagnostic has a stable ID in the LG1xxx range (LG0001 aside), a help link, release notes and a description.</summary>
public sealed class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(PartialLossAnalyzer).Assembly
        .GetType("LossGen.Analyzers.Diagnostics.UsageDescriptors")!
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void Every_descriptor_is_documented_tracked_and_explained()
    {
        string root = LossGen.Tests.Shared.RepositoryRoot.Path;
        string unshipped = File.ReadAllText(Path.Combine(root, "analyzers", "LossGen.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(root, "analyzers", "LossGen.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.NotEmpty(Descriptors);
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            Assert.Matches(descriptor.Id == "LG0001" ? "^LG0001$" : "^LG1[0-9]{3}$", descriptor.Id);
            Assert.Contains(descriptor.Id + " |", unshipped, System.StringComparison.Ordinal);
            Assert.EndsWith("#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri, System.StringComparison.Ordinal);
            string description = descriptor.Description.ToString(CultureInfo.InvariantCulture);
            Assert.True(description.Length > descriptor.Title.ToString(CultureInfo.InvariantCulture).Length + 20, $"{descriptor.Id}: '{description}'");
        }
    }
}
