using System;
using System.IO;

namespace LossGen.Serialization;

/// <summary>
/// Writes a folder beside its target and renames it into place, so an interrupted write never leaves a half-written
/// folder, and a folder already at the target is replaced only once the new one is complete.
/// </summary>
public static class AtomicDirectory
{
    /// <summary>Creates a staging folder, lets <paramref name="write"/> fill it, then moves it to <paramref name="directory"/>.</summary>
    public static void Write(string directory, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(write);
        string target = Path.GetFullPath(directory);
        string staging = target + ".saving-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            string? previous = null;
            if (Directory.Exists(target))
            {
                previous = target + ".previous-" + Guid.NewGuid().ToString("N");
                Directory.Move(target, previous);
            }

            Directory.Move(staging, target);
            if (previous is not null)
            {
                Directory.Delete(previous, recursive: true);
            }
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }
}
