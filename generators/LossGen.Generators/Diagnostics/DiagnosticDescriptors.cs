using Microsoft.CodeAnalysis;

namespace LossGen.Generators.Diagnostics;

/// <summary>The catalogue of declaration errors the generator reports. IDs are stable; each links to its docs entry.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "LossGen.Declaration";
    private const string HelpRoot = "https://github.com/lossgen/lossgen/blob/main/generators/README.md#";

    public static readonly DiagnosticDescriptor MissingInputKind = Create(
        "LG0002", "Loss declaration needs an input kind", "The loss '{0}' has no [RequiresInput(...)] attribute; declare the kind of data it consumes",
        "Every loss consumes one kind of training data; the input kind fixes its text columns, its labels and the typed example records it collates. Wrappers declare [Wraps] instead and take their inner loss's input.");

    public static readonly DiagnosticDescriptor MissingMath = Create(
        "LG0003", "Loss declaration needs exactly one body: a pairing and an objective, a [LossMath] method, or [TextOnly]", "The loss '{0}' declares {1}; declare [Pairing] with [Objective], a [LossMath] method (optionally with a [Pairing] for the analyzers), or [TextOnly] for a loss that overrides Compute",
        "A loss's math comes from exactly one place: a grammar rule named by [Pairing] and [Objective], a [LossMath] method (which may also declare a [Pairing] for the analyzers), or [TextOnly] for a loss that overrides Compute. With none or several the generator cannot tell what ComputeFromEmbeddings should do.");

    public static readonly DiagnosticDescriptor UnsupportedCombination = Create(
        "LG0004", "Unsupported pairing and objective", "The loss '{0}' combines pairing '{1}' with objective '{2}', which LossGen cannot generate for a {3}; supply a [LossMath] method instead",
        "The model family, pairing and objective do not name a rule of the grammar (LossGrammar.Rules), so there is no generated math for them. Choose a combination from the grammar table or write the math as a [LossMath] method.");

    public static readonly DiagnosticDescriptor MathSignatureMismatch = Create(
        "LG0005", "[LossMath] method does not fit the input kind", "The [LossMath] method '{0}.{1}' does not fit input kind '{2}': {3}",
        "A [LossMath] method's parameters are bound by type and name to the batch: text-column tensors up to the input kind's guaranteed count, 'columns', 'labels' when the input kind has labels, 'guideColumns' for [Guided] losses, or the whole EmbeddingBatch; it returns the scalar loss Tensor.");

    public static readonly DiagnosticDescriptor HyperParameterWrongType = Create(
        "LG0006", "Hyper-parameter attribute on a member of the wrong type", "The [{0}] attribute on '{1}.{2}' needs a property of type {3}, not '{4}'",
        "A role attribute fixes the type of its property: [Margin], [Scale] and [Temperature] are float or double, [MiniBatchSize] is int, [Similarity] is SimilarityFunction and [Distance] is one of the three distance-metric enums.");

    public static readonly DiagnosticDescriptor HyperParameterNotPartial = Create(
        "LG0007", "Hyper-parameter must be a partial get-only property", "The hyper-parameter '{0}.{1}' must be declared as 'public partial T {1} {{ get; }}'",
        "The generator implements each hyper-parameter as a read-only property backed by a validated constructor argument, so the declaration must be a partial property with a getter only.");

    public static readonly DiagnosticDescriptor MissingRoleHyperParameter = Create(
        "LG0008", "Objective needs a hyper-parameter", "The loss '{0}' uses {1}, which needs a [{2}] hyper-parameter",
        "The grammar rule reads a hyper-parameter of this role (an objective's margin, scale or temperature, or a pairing's similarity or distance); without it the generated math has nothing to read.");

    public static readonly DiagnosticDescriptor DefaultValueMismatch = Create(
        "LG0009", "Hyper-parameter default does not fit its type", "The default of hyper-parameter '{0}.{1}' cannot be converted to '{2}'",
        "The default given in the attribute is used as the constructor parameter's default value, so it must convert to the property's type without loss.");

    public static readonly DiagnosticDescriptor UnsupportedDeclarationShape = Create(
        "LG0010", "Loss declaration must be a top-level non-generic class", "The loss '{0}' must be a non-generic class declared directly in a namespace",
        "The generator adds a partial class with a constructor and overrides; nested or generic declarations cannot be completed that way.");

    public static readonly DiagnosticDescriptor ConflictingSimilarity = Create(
        "LG0011", "Conflicting similarity declarations", "The loss '{0}' declares [Similarity] on the class and a {1} hyper-parameter; keep one",
        "A fixed class-level [Similarity] and a similarity or distance hyper-parameter both say how the loss compares embeddings; the generator would not know which to use.");

    public static readonly DiagnosticDescriptor DuplicateRole = Create(
        "LG0012", "Hyper-parameter role declared twice", "The loss '{0}' declares more than one [{1}] hyper-parameter; the objective cannot tell which to use",
        "Each role is read by the grammar once; two properties with the same role make the rule ambiguous.");

    public static readonly DiagnosticDescriptor GradientCacheWithoutMiniBatch = Create(
        "LG0013", "Gradient-cached loss needs a mini-batch size", "The loss '{0}' is [GradientCache] but has no [MiniBatchSize] hyper-parameter",
        "GradCache embeds and replays the batch in mini-batches; the loss needs a [MiniBatchSize] hyper-parameter to say how large they are.");

    public static readonly DiagnosticDescriptor InvalidLossType = Create(
        "LG0014", "Loss declaration must be a plain partial class", "The loss '{0}' {1}; declare it as a non-static, non-abstract partial class with no base class of its own (the generator supplies SentenceLoss)",
        "The generator completes the declaration into a SentenceLoss, so it must be a non-static, non-abstract partial class whose only base class is the one the generator supplies.");

    public static readonly DiagnosticDescriptor DefaultOutOfRange = Create(
        "LG0015", "Hyper-parameter default outside its role's range", "The default {2} of hyper-parameter '{0}.{1}' is not allowed: {3}",
        "The generated constructor rejects values outside a role's range (a negative margin, a scale or temperature that is not positive, a value below a declared Minimum); a default outside it could never be used.");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Create(
        "LG0016", "Attribute value is not a member of its enum", "The [{1}] attribute on '{0}' has the value {2}, which is not a member of {3}",
        "An attribute argument cast from a number that is not a member of its enum names no input kind, pairing, objective or similarity.");

    public static readonly DiagnosticDescriptor LabelMismatch = Create(
        "LG0017", "Input kind does not carry the labels the rule reads", "The loss '{0}' uses {1}, which reads {2} labels, but input kind '{3}' carries {4}",
        "Each grammar rule reads one kind of label (none, class ids, 0/1 labels, scores, score vectors or target embeddings); the input kind's label must be that one.");

    public static readonly DiagnosticDescriptor GuideMismatch = Create(
        "LG0018", "Guided pairing and [Guided] must go together", "The loss '{0}' uses {1}; GuidedInBatchNegatives needs a [Guided] loss, and [Guided] is read only by GuidedInBatchNegatives or a [LossMath] method",
        "The GuidedInBatchNegatives rule masks false negatives with a guide model's embeddings, which only [Guided] losses receive; other grammar rules never read a guide.");

    public static readonly DiagnosticDescriptor ComparisonMismatch = Create(
        "LG0019", "Similarity or distance of the wrong shape for the rule", "The loss '{0}' uses {1}, which compares embeddings with {2}, not {3}",
        "A rule's comparison fixes the shape of its similarity (N×M for in-batch rules, row-wise for pairwise ones) or the family of its distance; the default is checked here and a user-supplied value in the generated constructor.");

    public static readonly DiagnosticDescriptor UncachedTwinNotALoss = Create(
        "LG0020", "Gradient-cached loss names no loss as its uncached twin", "The [GradientCache] attribute on '{0}' names '{1}', which is not a [Loss] class",
        "A [GradientCache] loss names the loss it equals without the cache (MultipleNegativesRankingLoss for CachedMultipleNegativesRankingLoss); the analyzers and the code fix that suggests it need that type to exist and to be a loss.");

    public static readonly DiagnosticDescriptor UnreadHyperParameter = Create(
        "LG0021", "Hyper-parameter the grammar rule does not read", "The hyper-parameter '{0}.{1}' ({2}) is read by no part of {3}, which reads {4}",
        "A grammar rule reads its role hyper-parameters and a fixed list of optional ones (ContrastiveLoss's size_average, GISTEmbedLoss's margin_strategy, ...); any other would be validated and listed in GetConfigDictionary() while changing nothing, so a misspelt or misplaced one is an error.");

    public static readonly DiagnosticDescriptor RefusedFixedDirections = Create(
        "LG0022", "Fixed in-batch directions the loss would refuse", "The loss '{0}' fixes [Directions] that MultipleNegativesRankingLoss refuses: {1}",
        "A class-level [Directions] must include QueryToDoc (the block with the positive pair), and PartitionMode.PerDirection needs the positive in every block, which QueryToQuery and DocToDoc never hold; the same rule refuses such arguments at construction (and LG1014 at a call site).");

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) => new(
        id,
        title,
        message,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: description,
        helpLinkUri: HelpRoot + id.ToLowerInvariant());
}
