using System;
using System.IO;

namespace LossGen.Serialization;

/// <summary>
/// Resolves paths a model folder's own files name (<c>modules.json</c>'s <c>path</c>, a shard in
/// <c>model.safetensors.index.json</c>) so that they stay inside the folder: no <c>..</c>, no absolute or rooted path,
/// no drive letter, backslash or NUL, and no symbolic link leading out. Checked before any file is opened.
/// </summary>
internal static class ModelPaths
{
    /// <summary>The full path of <paramref name="relative"/> inside <paramref name="root"/>, read from <paramref name="source"/>'s <paramref name="field"/>.</summary>
    public static string Resolve(string root, string relative, string source, string field)
    {
        if (relative.Contains('\0') || relative.Contains('\\') || Path.IsPathRooted(relative) || relative.StartsWith('/')
            || (relative.Length >= 2 && relative[1] == ':') || Array.Exists(relative.Split('/'), part => part == ".."))
        {
            throw new ModelFormatException(source, $"{field} '{relative.Replace("\0", "\\0", StringComparison.Ordinal)}' leaves the model folder; paths must be relative, without '..', backslashes or drive letters.");
        }

        string full = Path.GetFullPath(Path.Combine(root, relative));
        string rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (full != root && !full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new ModelFormatException(source, $"{field} '{relative}' leaves the model folder.");
        }

        // A link anywhere on the way may point out of the folder; its target must resolve inside it too.
        for (string? current = full; current is not null && current.Length > rootWithSeparator.Length - 1; current = Path.GetDirectoryName(current))
        {
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                string target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? string.Empty;
                if (target != root && !target.StartsWith(rootWithSeparator, StringComparison.Ordinal))
                {
                    throw new ModelFormatException(source, $"{field} '{relative}' is a symbolic link leading out of the model folder.");
                }
            }
        }

        return full;
    }
}
