using Microsoft.CodeAnalysis;

namespace LossGen.Analyzers.Diagnostics;

/// <summary>The catalogue of misuse diagnostics. IDs are stable; severities can be changed in .editorconfig.</summary>
internal static class UsageDescriptors
{
    public const string WrappedRefusedLossId = "LG1001";
    public const string MissingSamplerId = "LG1007";
    public const string MissingLoaderId = "LG1005";
    public const string RefusedLoaderId = "LG1006";

    private const string Category = "LossGen.Usage";
    private const string HelpRoot = "https://github.com/lossgen/lossgen/blob/main/analyzers/README.md#";

    public const string LossNotPartialId = "LG0001";

    public static readonly DiagnosticDescriptor LossNotPartial = new(
        LossNotPartialId,
        "Loss declaration must be partial",
        "The loss '{0}' must be declared partial so LossGen can generate its implementation",
        "LossGen.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Loss declaration must be partial.",
        helpLinkUri: "https://github.com/lossgen/lossgen/blob/main/generators/README.md#lg0001");

    public static readonly DiagnosticDescriptor WrappedRefusedLoss = Create(
        WrappedRefusedLossId, "A wrapper wraps a loss whose traits it refuses",
        "{0} cannot wrap {1}, which is {2}{3}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WrapperInItself = Create(
        "LG1002", "A wrapper wraps a loss of its own kind",
        "{0} wraps another {0}; the inner one's dimensions or layers are applied again on top, which has no meaning", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor HyperParameterOutOfRange = Create(
        "LG1003", "A constant hyper-parameter is out of range",
        "{0}: {1} is {2}, but it must be {3}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WrongExampleKind = Create(
        "LG1004", "Examples of the wrong kind for a loss",
        "{0} needs {1} examples; {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingLoader = Create(
        MissingLoaderId, "A loss is used without the data loader it needs",
        "{0} is created in '{1}' without a {2}; its batches must come from that loader", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor RefusedLoader = Create(
        RefusedLoaderId, "A loss is used with a data loader it must not be fed",
        "{0} is created in '{1}' together with a {2}; feed it ordinary (sentence, sentence) batches instead", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor MissingSampler = Create(
        MissingSamplerId, "A loss works best with a batch sampler",
        "{0} is created in '{1}' without a {2}; {3}", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor BatchSizeOne = Create(
        "LG1008", "Batch size 1 leaves in-batch negative losses without negatives",
        "{0} with batch size 1 has no in-batch negatives: every anchor only sees its own positive", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor BatchSizeBelowAdvice = Create(
        "LG1009", "A loss is meant for larger batches",
        "{0} is meant for batches of {1} or more; '{2}' batches {3}", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor MiniBatchDoesNotDivide = Create(
        "LG1010", "The mini-batch size does not divide the batch size",
        "{0}'s mini-batch size {1} does not divide the batch size {2} used in '{3}'; the last mini-batch is shorter", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor OddEmbeddingDimension = Create(
        "LG1011", "A loss needs an even embedding dimension",
        "{0} needs an even embedding dimension, but '{1}' builds a model with dimension {2}", DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) => new(
        id, title, message, Category, severity, isEnabledByDefault: true, description: title + ".", helpLinkUri: HelpRoot + id.ToLowerInvariant());
}
