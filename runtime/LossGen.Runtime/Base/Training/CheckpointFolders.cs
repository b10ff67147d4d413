using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LossGen.Training;

/// <summary>The <c>checkpoint-{step}</c> folders transformers' trainer writes under its output directory.</summary>
public static class CheckpointFolders
{
    /// <summary>The <c>checkpoint-{step}</c> folders in <paramref name="outputDir"/>, newest first.</summary>
    public static IEnumerable<string> NewestFirst(string outputDir) => !Directory.Exists(outputDir) ? [] : Directory.GetDirectories(outputDir, "checkpoint-*")
        .Select(d => (Path: d, Step: int.TryParse(Path.GetFileName(d)["checkpoint-".Length..], out int s) ? s : -1))
        .Where(c => c.Step >= 0)
        .OrderByDescending(c => c.Step)
        .Select(c => c.Path);
}
