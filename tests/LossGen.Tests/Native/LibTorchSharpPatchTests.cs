using System;
using System.IO;
using System.Linq;
using LossGen.Build;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Native;

/// <summary>The build-time fix that lets TorchSharp 0.107 load on hosts whose libstdc++ predates GCC 13.</summary>
public sealed class LibTorchSharpPatchTests
{
    private static string PackagedLibrary
    {
        get
        {
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
                ? custom
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", ElfVersionPatch.LibraryFileName);
            Assert.True(File.Exists(path), $"TorchSharp's native library is not at {path}.");
            return path;
        }
    }

    [Fact]
    public void The_packaged_library_requires_the_GCC_13_version_strongly()
    {
        ushort? flags = ElfVersionPatch.VersionNeedFlags(File.ReadAllBytes(PackagedLibrary), ElfVersionPatch.RequiredGlibCxxVersion);
        Assert.NotNull(flags);
        Assert.Equal(0, flags!.Value & 0x2);
    }

    [Fact]
    public void Patching_sets_only_the_weak_flag_of_that_requirement()
    {
        byte[] original = File.ReadAllBytes(PackagedLibrary);
        byte[] patched = (byte[])original.Clone();

        Assert.True(ElfVersionPatch.MarkVersionNeedWeak(patched, ElfVersionPatch.RequiredGlibCxxVersion));

        Assert.Equal(0x2, ElfVersionPatch.VersionNeedFlags(patched, ElfVersionPatch.RequiredGlibCxxVersion)!.Value & 0x2);
        int[] changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Single(changed);
        Assert.False(ElfVersionPatch.MarkVersionNeedWeak(patched, ElfVersionPatch.RequiredGlibCxxVersion), "a second patch must change nothing");
    }

    [Fact]
    public void Patching_a_hard_linked_copy_leaves_the_other_link_untouched()
    {
        string folder = Directory.CreateTempSubdirectory("lossgen-patch").FullName;
        try
        {
            string cacheCopy = Path.Combine(folder, "cache.so");
            string outputCopy = Path.Combine(folder, ElfVersionPatch.LibraryFileName);
            File.Copy(PackagedLibrary, cacheCopy);
            Assert.Equal(0, Link(cacheCopy, outputCopy));

            Assert.True(ElfVersionPatch.PatchFile(outputCopy));

            Assert.Equal(0x2, ElfVersionPatch.VersionNeedFlags(File.ReadAllBytes(outputCopy), ElfVersionPatch.RequiredGlibCxxVersion)!.Value & 0x2);
            Assert.Equal(0, ElfVersionPatch.VersionNeedFlags(File.ReadAllBytes(cacheCopy), ElfVersionPatch.RequiredGlibCxxVersion)!.Value & 0x2);
            Assert.False(File.Exists(outputCopy + ".lossgen-tmp"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc.so.6", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existing, string created);

    [Fact]
    public void Detection_reads_the_versions_the_host_libstdcxx_defines()
    {
        string? host = ElfVersionPatch.FindHostLibStdCxx();
        Assert.NotNull(host);
        byte[] library = File.ReadAllBytes(host!);

        Assert.True(ElfVersionPatch.DefinesVersion(library, "GLIBCXX_3.4"), "every libstdc++ defines GLIBCXX_3.4");
        Assert.False(ElfVersionPatch.DefinesVersion(library, "GLIBCXX_9.9.99"));
    }

    [Fact]
    public void The_build_output_copy_is_patched_exactly_when_the_host_lacks_the_version()
    {
        string? host = ElfVersionPatch.FindHostLibStdCxx();
        bool hostHasIt = ElfVersionPatch.DefinesVersion(File.ReadAllBytes(host!), ElfVersionPatch.RequiredGlibCxxVersion);
        string output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", ElfVersionPatch.LibraryFileName);

        ushort flags = ElfVersionPatch.VersionNeedFlags(File.ReadAllBytes(output), ElfVersionPatch.RequiredGlibCxxVersion)!.Value;

        Assert.Equal(!hostHasIt, (flags & 0x2) != 0);
        Assert.Equal(0, ElfVersionPatch.VersionNeedFlags(File.ReadAllBytes(PackagedLibrary), ElfVersionPatch.RequiredGlibCxxVersion)!.Value & 0x2);
    }
}
