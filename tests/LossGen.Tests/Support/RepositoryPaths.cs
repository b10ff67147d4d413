using System;
using System.IO;
using System.Linq;

namespace LossGen.Tests.Support;

/// <summary>Locates the repository and the shared reference data beside it.</summary>
public static class RepositoryPaths
{
    public static string Root => LossGen.Tests.Shared.RepositoryRoot.Path;

    /// <summary>The golden loss cases: <c>LOSSGEN_GOLDEN_DIR</c> when set, else <c>../shared/golden/losses</c>.</summary>
    public static string GoldenLosses =>
        Environment.GetEnvironmentVariable("LOSSGEN_GOLDEN_DIR") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "golden", "losses"));

    /// <summary>The golden loss cases of sentence-transformers v6: <c>LOSSGEN_GOLDEN_V6_DIR</c> when set, else <c>../shared/golden/losses-v6</c>.</summary>
    public static string GoldenLossesV6 =>
        Environment.GetEnvironmentVariable("LOSSGEN_GOLDEN_V6_DIR") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "golden", "losses-v6"));

    /// <summary>The golden model folders: <c>LOSSGEN_MODEL_GOLDEN_DIR</c> when set, else <c>../shared/golden/models</c>.</summary>
    public static string GoldenModels =>
        Environment.GetEnvironmentVariable("LOSSGEN_MODEL_GOLDEN_DIR") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "golden", "models"));

    /// <summary>
    /// The golden model folders of 2025-26 architectures and formats: <c>LOSSGEN_MODEL_GOLDEN_DIR</c> when set (its folders,
    /// of either kind, replace both sets), else <c>../shared/golden/models-modern</c>.
    /// </summary>
    public static string GoldenModernModels =>
        Environment.GetEnvironmentVariable("LOSSGEN_MODEL_GOLDEN_DIR") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "golden", "models-modern"));

    /// <summary>The golden model case folders (those holding an <c>expected.json</c>), by name, in order.</summary>
    public static string[] GoldenModelCases() => Directory.Exists(GoldenModels)
        ? Directory.GetDirectories(GoldenModels).Where(f => File.Exists(Path.Combine(f, "expected.json"))).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
        : [];

    /// <summary>The modern golden model case folders (those holding an <c>expected.json</c>), by name, in order.</summary>
    public static string[] GoldenModernModelCases() => Directory.Exists(GoldenModernModels)
        ? Directory.GetDirectories(GoldenModernModels).Where(f => File.Exists(Path.Combine(f, "expected.json"))).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
        : [];

    /// <summary>The golden cross-encoder model folders: <c>LOSSGEN_CE_MODEL_GOLDEN_DIR</c> when set, else <c>../shared/golden/cross-encoder/models</c>.</summary>
    public static string GoldenCrossEncoderModels =>
        Environment.GetEnvironmentVariable("LOSSGEN_CE_MODEL_GOLDEN_DIR") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "golden", "cross-encoder", "models"));

    /// <summary>The golden cross-encoder model case folders (those holding an <c>expected.json</c>), by name, in order.</summary>
    public static string[] GoldenCrossEncoderModelCases() => Directory.Exists(GoldenCrossEncoderModels)
        ? Directory.GetDirectories(GoldenCrossEncoderModels).Where(f => File.Exists(Path.Combine(f, "expected.json"))).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
        : [];

    /// <summary>The golden cross-encoder loss cases: <c>LOSSGEN_CE_GOLDEN_DIR</c> when set, else <c>../shared/golden/cross-encoder/losses</c>.</summary>
    public static string GoldenCrossEncoderLosses =>
        Environment.GetEnvironmentVariable("LOSSGEN_CE_GOLDEN_DIR") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "golden", "cross-encoder", "losses"));
}
