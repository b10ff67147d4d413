using System;
using System.IO;
using System.Linq;

namespace LossGen.Generators.Tests.Support;

/// <summary>The catalogue's declaration sources, read from <c>losses/</c> in the repository.</summary>
public static class Catalogue
{
    public static string Folder => Path.Combine(LossGen.Tests.Shared.RepositoryRoot.Path, "losses", "LossGen.Losses");

    public static string[] Sources() => Directory.GetFiles(Folder, "*.cs", SearchOption.AllDirectories)
        .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllText)
        .ToArray();

    /// <summary>The catalogue's <c>[Loss]</c> declarations, one per match, counted from the sources rather than assumed.</summary>
    public static System.Collections.Generic.IEnumerable<string> Declarations() => Sources()
        .SelectMany(source => System.Text.RegularExpressions.Regex.Matches(source, @"^\[Loss[\],(]", System.Text.RegularExpressions.RegexOptions.Multiline))
        .Select(match => match.Value);
}
