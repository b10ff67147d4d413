using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace LossGen.Package.Tests;

/// <summary>LossGen packed once into a local folder, shared by every consumer test; its layout checked as it is made.</summary>
public sealed class PackageFeed : IDisposable
{
    public const string Name = "Package feed";

    public PackageFeed()
    {
        Work = Directory.CreateTempSubdirectory("lossgen-e2e").FullName;

        // A fresh version each run, so the NuGet cache never serves a stale copy of the package.
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        Folder = Path.Combine(Work, "feed");
        string root = LossGen.Tests.Shared.RepositoryRoot.Path;
        (int exitCode, string output) = Dotnet($"pack \"{Path.Combine(root, "losses", "LossGen.Losses", "LossGen.Losses.csproj")}\" -c Release -o \"{Folder}\" -p:Version={Version}", root);
        Assert.True(exitCode == 0, output);

        using ZipArchive archive = ZipFile.OpenRead(Path.Combine(Folder, $"LossGen.{Version}.nupkg"));
        string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
        foreach (string expected in new[]
        {
            "lib/net10.0/LossGen.Losses.dll", "lib/net10.0/LossGen.Runtime.dll",
            "analyzers/dotnet/cs/LossGen.Generators.dll", "analyzers/dotnet/cs/LossGen.Analyzers.dll", "analyzers/dotnet/cs/LossGen.CodeFixes.dll",
            "buildTransitive/LossGen.targets", "buildTransitive/LibTorchSharpVersionPatch.cs",
        })
        {
            Assert.Contains(expected, entries);
        }
    }

    /// <summary>The temporary folder that holds the feed and the consumers.</summary>
    public string Work { get; }

    /// <summary>The folder the package was packed into.</summary>
    public string Folder { get; }

    /// <summary>The package's version.</summary>
    public string Version { get; }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>; its exit code and output.</summary>
    public static (int ExitCode, string Output) Dotnet(string arguments, string directory)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    public void Dispose() => Directory.Delete(Work, recursive: true);
}

/// <summary>The tests that share one <see cref="PackageFeed"/>.</summary>
[CollectionDefinition(PackageFeed.Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>;
