using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace LossGen.Generators.Tests.Support;

/// <summary>
/// Strict snapshot comparison against committed <c>Snapshots/{name}.verified.cs</c> files. A missing or different snapshot
/// fails and writes <c>{name}.received.cs</c> beside it; set <c>LOSSGEN_ACCEPT_SNAPSHOTS=1</c> to accept received output.
/// </summary>
public static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        string verified = Path.Combine(folder, name + ".verified.cs");
        string received = Path.Combine(folder, name + ".received.cs");
        string normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("LOSSGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verified, normalized);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, normalized);
            Assert.Fail($"No snapshot {verified}; the output was written to {received}. Review it and rename it to accept.");
        }

        string expected = File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != normalized)
        {
            File.WriteAllText(received, normalized);
            Assert.Fail($"The generated source differs from {verified}; the new output is in {received}.");
        }

        if (File.Exists(received))
        {
            File.Delete(received);
        }
    }
}
