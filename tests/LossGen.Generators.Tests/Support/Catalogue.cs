using System;
using System.IO;
using System.Linq;

namespace LossGen.Generators.Tests.Support;

/// <summary>The catalogue's declaration sources, read from <c>losses/</c> in the repository.</summary>
public static class Catalogue
{
    public static string Folder
    {
        get
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "LossGen.sln")))
                {
                    return Path.Combine(directory.FullName, "losses", "LossGen.Losses");
                }
            }

            throw new DirectoryNotFoundException("LossGen.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string[] Sources() => Directory.GetFiles(Folder, "*.cs", SearchOption.AllDirectories)
        .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllText)
        .ToArray();
}
