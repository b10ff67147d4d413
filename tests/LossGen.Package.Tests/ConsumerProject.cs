using System;
using System.IO;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Package.Tests;

/// <summary>A console project that references LossGen from the local feed only, as a user's would.</summary>
public sealed class ConsumerProject : IDisposable
{
    private readonly ITestOutputHelper _output;

    public ConsumerProject(PackageFeed feed, ITestOutputHelper output)
    {
        _output = output;
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(feed.Work, "consumer-" + Guid.NewGuid().ToString("N"))).FullName;
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="lossgen-local" value="{feed.Folder}" />
              </packageSources>
            </configuration>
            """);
        Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LossGen" Version="{feed.Version}" />
                <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>The project's folder.</summary>
    public string Directory { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="file"/> in the project.</summary>
    public void Write(string file, string text) => File.WriteAllText(Path.Combine(Directory, file), text);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>, which must succeed; its output.</summary>
    public string Run(string arguments)
    {
        (int exitCode, string output) = RunAllowingFailure(arguments);
        Assert.True(exitCode == 0, $"dotnet {arguments} failed ({exitCode}):\n{output}");
        return output;
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; its exit code and output.</summary>
    public (int ExitCode, string Output) RunAllowingFailure(string arguments)
    {
        (int exitCode, string output) = PackageFeed.Dotnet(arguments, Directory);
        _output.WriteLine($"$ dotnet {arguments} ({exitCode})\n{output}");
        return (exitCode, output);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
