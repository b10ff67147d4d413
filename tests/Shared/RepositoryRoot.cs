using System;
using System.IO;

namespace LossGen.Tests.Shared;

/// <summary>The repository root, found from a test assembly's folder; compiled into each test project by link.</summary>
internal static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "LossGen.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new DirectoryNotFoundException("LossGen.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
