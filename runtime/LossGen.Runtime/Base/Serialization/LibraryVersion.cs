using System.Reflection;

namespace LossGen.Serialization;

/// <summary>LossGen's version, as saved folders and exported graphs record it.</summary>
internal static class LibraryVersion
{
    /// <summary>The informational version without its source revision, such as <c>0.1.0</c>.</summary>
    public static string Current => typeof(LibraryVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
