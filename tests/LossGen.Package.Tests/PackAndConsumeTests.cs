using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Package.Tests;

/// <summary>
/// Packs LossGen into a local folder and builds a consumer that references the package only: the generator runs on the
/// consumer's own declaration, a misuse shows its diagnostic in the build output, and a training step runs.
/// </summary>
public sealed class PackAndConsumeTests(ITestOutputHelper output)
{
    private static string Root => LossGen.Tests.Shared.RepositoryRoot.Path;

    [Fact]
    public void A_consumer_of_the_package_generates_diagnoses_and_trains()
    {
        string work = Directory.CreateTempSubdirectory("lossgen-e2e").FullName;
        try
        {
            // A fresh version each run, so the NuGet cache never serves a stale copy of the package.
            string version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            string feed = Path.Combine(work, "feed");
            Run("dotnet", $"pack \"{Path.Combine(Root, "losses", "LossGen.Losses", "LossGen.Losses.csproj")}\" -c Release -o \"{feed}\" -p:Version={version}", Root);

            string package = Path.Combine(feed, $"LossGen.{version}.nupkg");
            using (ZipArchive archive = ZipFile.OpenRead(package))
            {
                string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
                Assert.Contains("lib/net10.0/LossGen.Losses.dll", entries);
                Assert.Contains("lib/net10.0/LossGen.Runtime.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/LossGen.Generators.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/LossGen.Analyzers.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/LossGen.CodeFixes.dll", entries);
                Assert.Contains("buildTransitive/LossGen.targets", entries);
                Assert.Contains("buildTransitive/LibTorchSharpVersionPatch.cs", entries);
            }

            string consumer = Path.Combine(work, "consumer");
            Directory.CreateDirectory(consumer);
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="lossgen-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="LossGen" Version="{version}" />
                    <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
                using LossGen;
                using LossGen.Losses;
                using LossGen.Models;
                using TorchSharp;

                using var encoder = new HashingEncoder(dimension: 16, buckets: 256);
                using var loss = new ConsumerSoftMarginLoss(encoder);
                using var optimizer = torch.optim.AdamW(encoder.parameters(), lr: 1e-2);
                var batch = ConsumerSoftMarginLoss.Collate([new LabeledTextExample("red apple", 0), new LabeledTextExample("green apple", 0), new LabeledTextExample("fast car", 1), new LabeledTextExample("slow car", 1)]);
                torch.Tensor value = loss.Compute(batch);
                value.backward();
                optimizer.step();
                Console.WriteLine($"step loss {value.item<float>():F4}");

                internal static class Setup
                {
                    public static SentenceLoss Misused() => new ContrastiveTensionLoss(null);
                }

                /// <summary>The consumer's own loss.</summary>
                [Loss, RequiresInput(InputKind.LabeledText), Pairing(Pairing.BatchHard), Objective(Objective.SoftMargin)]
                public sealed partial class ConsumerSoftMarginLoss
                {
                    /// <summary>The distance.</summary>
                    [Distance(BatchDistanceMetric.Cosine)]
                    public partial BatchDistanceMetric DistanceMetric { get; }
                }
                """);

            string build = Run("dotnet", "build -c Release", consumer);
            Assert.Contains("LG1005", build);
            Assert.Contains("ContrastiveTensionLoss is created in 'Misused' without a ContrastiveTensionDataLoader", build);

            string run = Run("dotnet", "run -c Release --no-build", consumer);
            Assert.Matches(@"step loss \d+\.\d{4}", run);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string Run(string file, string arguments, string directory)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEndAsync().Result;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        output.WriteLine($"$ {file} {arguments}\n{stdout}\n{stderr}");
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}):\n{stdout}\n{stderr}");
        return stdout + stderr;
    }
}
