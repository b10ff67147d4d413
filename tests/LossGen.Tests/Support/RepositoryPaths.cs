using System;
using System.IO;

namespace LossGen.Tests.Support;

/// <summary>Locates the repository and the shared reference data beside it.</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "LossGen.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new DirectoryNotFoundException("LossGen.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The golden loss cases: <c>LOSSGEN_GOLDEN_DIR</c> when set, else <c>../shared/golden/losses</c>.</summary>
    public static string GoldenLosses =>
        Environment.GetEnvironmentVariable("LOSSGEN_GOLDEN_DIR") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "golden", "losses"));
}
