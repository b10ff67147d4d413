using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LossGen.Tests.Support;

/// <summary>Reads the STS benchmark from ../shared/data/stsb (tab-separated: sentence1, sentence2, score 0–5).</summary>
public static class StsBenchmark
{
    public static (string[] First, string[] Second, double[] Scores) Read(string split)
    {
        string path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "stsb", split + ".tsv"));
        string[][] rows = File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).ToArray();
        return (rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray(), rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray());
    }
}
