using Microsoft.CodeAnalysis;

namespace LossGen.Generators.Diagnostics;

/// <summary>The catalogue of declaration errors the generator reports. IDs are stable; each links to its docs entry.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "LossGen.Declaration";
    private const string HelpRoot = "https://github.com/lossgen/lossgen/blob/main/generators/README.md#";

    public static readonly DiagnosticDescriptor MissingInputKind = Create(
        "LG0002", "Loss declaration needs an input kind", "The loss '{0}' has no [RequiresInput(...)] attribute; declare the kind of data it consumes");

    public static readonly DiagnosticDescriptor MissingMath = Create(
        "LG0003", "Loss declaration needs exactly one body: a pairing and an objective, a [LossMath] method, or [TextOnly]", "The loss '{0}' declares {1}; declare [Pairing] with [Objective], a [LossMath] method (optionally with a [Pairing] for the analyzers), or [TextOnly] for a loss that overrides Compute");

    public static readonly DiagnosticDescriptor UnsupportedCombination = Create(
        "LG0004", "Unsupported pairing and objective", "The loss '{0}' combines pairing '{1}' with objective '{2}', which LossGen cannot generate; supply a [LossMath] method instead");

    public static readonly DiagnosticDescriptor MathSignatureMismatch = Create(
        "LG0005", "[LossMath] method does not fit the input kind", "The [LossMath] method '{0}.{1}' does not fit input kind '{2}': {3}");

    public static readonly DiagnosticDescriptor HyperParameterWrongType = Create(
        "LG0006", "Hyper-parameter attribute on a member of the wrong type", "The [{0}] attribute on '{1}.{2}' needs a property of type {3}, not '{4}'");

    public static readonly DiagnosticDescriptor HyperParameterNotPartial = Create(
        "LG0007", "Hyper-parameter must be a partial get-only property", "The hyper-parameter '{0}.{1}' must be declared as 'public partial T {1} {{ get; }}'");

    public static readonly DiagnosticDescriptor MissingRoleHyperParameter = Create(
        "LG0008", "Objective needs a hyper-parameter", "The loss '{0}' uses {1}, which needs a [{2}] hyper-parameter");

    public static readonly DiagnosticDescriptor DefaultValueMismatch = Create(
        "LG0009", "Hyper-parameter default does not fit its type", "The default of hyper-parameter '{0}.{1}' cannot be converted to '{2}'");

    public static readonly DiagnosticDescriptor UnsupportedDeclarationShape = Create(
        "LG0010", "Loss declaration must be a top-level non-generic class", "The loss '{0}' must be a non-generic class declared directly in a namespace");

    public static readonly DiagnosticDescriptor ConflictingSimilarity = Create(
        "LG0011", "Conflicting similarity declarations", "The loss '{0}' declares [Similarity] on the class and a {1} hyper-parameter; keep one");

    public static readonly DiagnosticDescriptor DuplicateRole = Create(
        "LG0012", "Hyper-parameter role declared twice", "The loss '{0}' declares more than one [{1}] hyper-parameter; the objective cannot tell which to use");

    public static readonly DiagnosticDescriptor GradientCacheWithoutMiniBatch = Create(
        "LG0013", "Gradient-cached loss needs a mini-batch size", "The loss '{0}' is [GradientCache] but has no [MiniBatchSize] hyper-parameter");

    public static readonly DiagnosticDescriptor InvalidLossType = Create(
        "LG0014", "Loss declaration must be a plain partial class", "The loss '{0}' {1}; declare it as a non-static, non-abstract partial class with no base class of its own (the generator supplies SentenceLoss)");

    public static readonly DiagnosticDescriptor DefaultOutOfRange = Create(
        "LG0015", "Hyper-parameter default outside its role's range", "The default {2} of hyper-parameter '{0}.{1}' is not allowed: {3}");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Create(
        "LG0016", "Attribute value is not a member of its enum", "The [{1}] attribute on '{0}' has the value {2}, which is not a member of {3}");

    public static readonly DiagnosticDescriptor LabelMismatch = Create(
        "LG0017", "Input kind does not carry the labels the rule reads", "The loss '{0}' uses {1}, which reads {2} labels, but input kind '{3}' carries {4}");

    public static readonly DiagnosticDescriptor GuideMismatch = Create(
        "LG0018", "Guided pairing and [Guided] must go together", "The loss '{0}' uses {1}; GuidedInBatchNegatives needs a [Guided] loss, and [Guided] is read only by GuidedInBatchNegatives or a [LossMath] method");

    public static readonly DiagnosticDescriptor ComparisonMismatch = Create(
        "LG0019", "Similarity or distance of the wrong shape for the rule", "The loss '{0}' uses {1}, which compares embeddings with {2}, not {3}");

    private static DiagnosticDescriptor Create(string id, string title, string message) => new(
        id,
        title,
        message,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: title + ".",
        helpLinkUri: HelpRoot + id.ToLowerInvariant());
}
