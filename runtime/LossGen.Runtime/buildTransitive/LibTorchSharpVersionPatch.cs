// Compiled twice: by MSBuild's RoslynCodeTaskFactory (LossGen.Runtime.targets) to patch the build
// output, and by the test project to test detection and patching. It must stay self-contained.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LossGen.Build
{
    /// <summary>
    /// Makes TorchSharp's <c>libLibTorchSharp.so</c> loadable on Linux hosts whose libstdc++ predates GCC 13.
    /// </summary>
    /// <remarks>
    /// TorchSharp 0.107 is built with GCC 13 and asks for <c>GLIBCXX_3.4.32</c> for a single symbol
    /// (<c>std::ios_base_library_init()</c>) that no relocation uses. Marking that one version requirement
    /// weak lets the dynamic loader accept the library; nothing else in the file changes. Only the copy in
    /// the build or publish output is touched, never the NuGet cache, and only when the host lacks the version.
    /// </remarks>
    public sealed class PatchLibTorchSharpVersionNeed : Task
    {
        /// <summary>Folders to search for <c>libLibTorchSharp.so</c> (the output folder and its <c>runtimes/linux-x64/native</c>).</summary>
        [Required]
        public string[] SearchDirectories { get; set; } = Array.Empty<string>();

        /// <summary>Optional path of the libstdc++ to check; by default the one this process has loaded.</summary>
        public string? LibStdCxxPath { get; set; }

        /// <inheritdoc />
        public override bool Execute()
        {
            string? libstdcxx = string.IsNullOrEmpty(LibStdCxxPath) ? ElfVersionPatch.FindHostLibStdCxx() : LibStdCxxPath;
            if (libstdcxx is null)
            {
                Log.LogMessage(MessageImportance.Low, "LossGen: no libstdc++ found on this host; libLibTorchSharp.so left as is.");
                return true;
            }

            if (ElfVersionPatch.DefinesVersion(File.ReadAllBytes(libstdcxx), ElfVersionPatch.RequiredGlibCxxVersion))
            {
                Log.LogMessage(MessageImportance.Low, $"LossGen: {libstdcxx} provides {ElfVersionPatch.RequiredGlibCxxVersion}; no patch needed.");
                return true;
            }

            foreach (string directory in SearchDirectories)
            {
                string candidate = Path.Combine(directory, ElfVersionPatch.LibraryFileName);
                if (!File.Exists(candidate))
                {
                    continue;
                }

                if (ElfVersionPatch.PatchFile(candidate))
                {
                    Log.LogMessage(MessageImportance.Normal, $"LossGen: marked {ElfVersionPatch.RequiredGlibCxxVersion} weak in {candidate} (host libstdc++ lacks it).");
                }
            }

            return true;
        }
    }

    /// <summary>The ELF reading and the one-flag patch, kept free of MSBuild types so tests can call them directly.</summary>
    public static class ElfVersionPatch
    {
        /// <summary>The file TorchSharp loads first.</summary>
        public const string LibraryFileName = "libLibTorchSharp.so";

        /// <summary>The libstdc++ symbol version TorchSharp 0.107 asks for.</summary>
        public const string RequiredGlibCxxVersion = "GLIBCXX_3.4.32";

        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlgWeak = 0x2;

        private static readonly string[] WellKnownLibStdCxx =
        {
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
            "/lib/aarch64-linux-gnu/libstdc++.so.6",
        };

        /// <summary>Finds the libstdc++ the dynamic loader uses: the one mapped into this process, else a well-known path.</summary>
        public static string? FindHostLibStdCxx()
        {
            const string maps = "/proc/self/maps";
            if (File.Exists(maps))
            {
                foreach (string line in File.ReadAllLines(maps))
                {
                    int slash = line.IndexOf('/');
                    if (slash >= 0 && line.IndexOf("libstdc++.so", slash, StringComparison.Ordinal) >= 0)
                    {
                        string path = line.Substring(slash).Trim();
                        if (File.Exists(path))
                        {
                            return path;
                        }
                    }
                }
            }

            foreach (string path in WellKnownLibStdCxx)
            {
                if (File.Exists(path))
                {
                    return path;
                }
            }

            return null;
        }

        /// <summary>Whether a shared library defines the symbol version <paramref name="version"/> (its <c>.gnu.version_d</c>).</summary>
        public static bool DefinesVersion(byte[] elf, string version)
        {
            foreach (Section section in ReadSections(elf))
            {
                if (section.Type != ShtGnuVerdef)
                {
                    continue;
                }

                Section strings = ReadSections(elf)[(int)section.Link];
                long entry = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    uint auxOffset = ReadUInt32(elf, entry + 12);
                    uint nameOffset = ReadUInt32(elf, entry + auxOffset);
                    if (ReadString(elf, strings.Offset + nameOffset) == version)
                    {
                        return true;
                    }

                    uint next = ReadUInt32(elf, entry + 16);
                    if (next == 0)
                    {
                        break;
                    }

                    entry += next;
                }
            }

            return false;
        }

        /// <summary>The flags of the version requirement named <paramref name="version"/>, or <c>null</c> when the file does not ask for it.</summary>
        public static ushort? VersionNeedFlags(byte[] elf, string version)
        {
            long? offset = FindVernaux(elf, version);
            return offset is long at ? ReadUInt16(elf, at + 4) : null;
        }

        /// <summary>Sets <c>VER_FLG_WEAK</c> on the requirement for <paramref name="version"/>. Returns whether bytes changed.</summary>
        public static bool MarkVersionNeedWeak(byte[] elf, string version)
        {
            long? offset = FindVernaux(elf, version);
            if (offset is not long at)
            {
                return false;
            }

            ushort flags = ReadUInt16(elf, at + 4);
            if ((flags & VerFlgWeak) != 0)
            {
                return false;
            }

            flags |= VerFlgWeak;
            elf[at + 4] = (byte)(flags & 0xff);
            elf[at + 5] = (byte)(flags >> 8);
            return true;
        }

        /// <summary>
        /// Patches a file on disk through a temporary file and a rename, so a hard link into a package cache
        /// is never written through and a crash never leaves a half-written library.
        /// </summary>
        public static bool PatchFile(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (!MarkVersionNeedWeak(bytes, RequiredGlibCxxVersion))
            {
                return false;
            }

            string temporary = path + ".lossgen-tmp";
            using (FileStream stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }

            // A rename replaces the directory entry: the old inode (possibly shared with the cache) is untouched.
            File.Replace(temporary, path, destinationBackupFileName: null);
            return true;
        }

        private static long? FindVernaux(byte[] elf, string version)
        {
            List<Section> sections = ReadSections(elf);
            foreach (Section section in sections)
            {
                if (section.Type != ShtGnuVerneed)
                {
                    continue;
                }

                Section strings = sections[(int)section.Link];
                long need = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    ushort auxCount = ReadUInt16(elf, need + 2);
                    long aux = need + ReadUInt32(elf, need + 8);
                    for (int k = 0; k < auxCount; k++)
                    {
                        uint nameOffset = ReadUInt32(elf, aux + 8);
                        if (ReadString(elf, strings.Offset + nameOffset) == version)
                        {
                            return aux;
                        }

                        aux += ReadUInt32(elf, aux + 12);
                    }

                    uint next = ReadUInt32(elf, need + 12);
                    if (next == 0)
                    {
                        break;
                    }

                    need += next;
                }
            }

            return null;
        }

        private static List<Section> ReadSections(byte[] elf)
        {
            bool isElf64LittleEndian = elf.Length > 0x40 && elf[0] == 0x7f && elf[1] == (byte)'E' && elf[2] == (byte)'L' && elf[3] == (byte)'F'
                && elf[4] == 2 && elf[5] == 1;
            List<Section> sections = new List<Section>();
            if (!isElf64LittleEndian)
            {
                return sections;
            }

            long tableOffset = (long)ReadUInt64(elf, 0x28);
            ushort entrySize = ReadUInt16(elf, 0x3A);
            ushort count = ReadUInt16(elf, 0x3C);
            for (int i = 0; i < count; i++)
            {
                long header = tableOffset + (long)i * entrySize;
                if (header + 64 > elf.Length)
                {
                    break;
                }

                sections.Add(new Section(
                    ReadUInt32(elf, header + 4),
                    (long)ReadUInt64(elf, header + 0x18),
                    ReadUInt32(elf, header + 0x28),
                    ReadUInt32(elf, header + 0x2C)));
            }

            return sections;
        }

        private static ushort ReadUInt16(byte[] b, long at) => (ushort)(b[at] | (b[at + 1] << 8));

        private static uint ReadUInt32(byte[] b, long at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

        private static ulong ReadUInt64(byte[] b, long at) => ReadUInt32(b, at) | ((ulong)ReadUInt32(b, at + 4) << 32);

        private static string ReadString(byte[] b, long at)
        {
            long end = at;
            while (end < b.Length && b[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(b, (int)at, (int)(end - at));
        }

        private readonly struct Section
        {
            public Section(uint type, long offset, uint link, uint info)
            {
                Type = type;
                Offset = offset;
                Link = link;
                Info = info;
            }

            public uint Type { get; }

            public long Offset { get; }

            public uint Link { get; }

            public uint Info { get; }
        }
    }
}
