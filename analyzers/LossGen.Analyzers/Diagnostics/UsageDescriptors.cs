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
        description: "The generator completes a loss declaration with a second partial class (constructor, forward, metadata); without 'partial' it cannot, and the code fix adds the modifier.",
        helpLinkUri: "https://github.com/lossgen/lossgen/blob/main/generators/README.md#lg0001");

    public static readonly DiagnosticDescriptor WrappedRefusedLoss = Create(
        WrappedRefusedLossId, "A wrapper wraps a loss whose traits it refuses",
        "{0} cannot wrap {1}, which is {2}{3}", DiagnosticSeverity.Error,
        "A wrapper such as MatryoshkaLoss calls its inner loss on truncated or intermediate embeddings; a gradient-cached inner loss embeds the batch itself with GradCache, which the wrapper cannot reach, so the combination is refused. The uncached twin computes the same loss.");

    public static readonly DiagnosticDescriptor WrapperInItself = Create(
        "LG1002", "A wrapper wraps a loss of its own kind",
        "{0} wraps another {0}; the inner one's dimensions or layers are applied again on top, which has no meaning", DiagnosticSeverity.Warning,
        "Wrapping a wrapper of the same kind applies its dimensions or layers twice, which sentence-transformers does not define and which is almost always a mistake.");

    public static readonly DiagnosticDescriptor HyperParameterOutOfRange = Create(
        "LG1003", "A constant hyper-parameter is out of range",
        "{0}: {1} is {2}, but it must be {3}", DiagnosticSeverity.Error,
        "A constant hyper-parameter that the generated constructor would reject at run time (a negative margin, a non-positive scale, an empty dimension list) is reported where it is written.");

    public static readonly DiagnosticDescriptor WrongExampleKind = Create(
        "LG1004", "Examples of the wrong kind for a loss",
        "{0} needs {1} examples; {2}", DiagnosticSeverity.Error,
        "Each loss collates one input kind: its text-column count and its label. Examples of another kind would be refused at run time, or worse, read as something they are not.");

    public static readonly DiagnosticDescriptor MissingLoader = Create(
        MissingLoaderId, "A loss is used without the data loader it needs",
        "{0} is created in '{1}' without a {2}; its batches must come from that loader", DiagnosticSeverity.Warning,
        "Some losses only make sense on batches from a specific loader (DenoisingAutoEncoderLoss on damaged/original pairs, ContrastiveTensionLoss on its paired batches); other batches train on the wrong signal.");

    public static readonly DiagnosticDescriptor RefusedLoader = Create(
        RefusedLoaderId, "A loss is used with a data loader it must not be fed",
        "{0} is created in '{1}' together with a {2}; feed it ordinary (sentence, sentence) batches instead", DiagnosticSeverity.Warning,
        "A loader that produces batches of a special shape is meant for one loss; feeding them to another trains on the wrong signal.");

    public static readonly DiagnosticDescriptor MissingSampler = Create(
        MissingSamplerId, "A loss works best with a batch sampler",
        "{0} is created in '{1}' without a {2}; {3}", DiagnosticSeverity.Info,
        "In-batch negative losses treat duplicates in a batch as false negatives, and batch triplet losses need several examples per label in each batch; the recommended sampler provides that.");

    public static readonly DiagnosticDescriptor BatchSizeOne = Create(
        "LG1008", "Batch size 1 leaves in-batch negative losses without negatives",
        "{0} with batch size 1 has no in-batch negatives: every anchor only sees its own positive", DiagnosticSeverity.Warning,
        "In-batch negative losses score each anchor against the other rows of the batch; with one row there are no negatives and the loss teaches nothing.");

    public static readonly DiagnosticDescriptor BatchSizeBelowAdvice = Create(
        "LG1009", "A loss is meant for larger batches",
        "{0} is meant for batches of {1} or more; '{2}' batches {3}", DiagnosticSeverity.Info,
        "Some losses are documented to need large batches (many negatives) to train well; the declared advice is compared with the batch size used.");

    public static readonly DiagnosticDescriptor MiniBatchDoesNotDivide = Create(
        "LG1010", "The mini-batch size does not divide the batch size",
        "{0}'s mini-batch size {1} does not divide the batch size {2} used in '{3}'; the last mini-batch is shorter", DiagnosticSeverity.Warning,
        "A mini-batch size that does not divide the batch size leaves a shorter last mini-batch; results are still exact, but memory and speed are not what the size suggests.");

    public static readonly DiagnosticDescriptor OddEmbeddingDimension = Create(
        "LG1011", "A loss needs an even embedding dimension",
        "{0} needs an even embedding dimension, but '{1}' builds a model with dimension {2}", DiagnosticSeverity.Error,
        "AnglE's similarity splits each embedding into real and imaginary halves, so an odd embedding dimension cannot be used.");

    public static readonly DiagnosticDescriptor OneLogitLossWithSeveralLabels = Create(
        "LG1012", "A cross-encoder loss that reads one logit is given a model with several labels",
        "{0} reads one logit per pair, but '{1}' builds the cross-encoder with {2} labels", DiagnosticSeverity.Error,
        "Every cross-encoder loss but CrossEntropyLoss scores a pair with one logit (a relevance score); sentence-transformers refuses a model with several labels when the loss is built, and so does LossGen. Build the model with numLabels: 1, or use CrossEntropyLoss for class labels.");

    public static readonly DiagnosticDescriptor ClassLossWithOneLabel = Create(
        "LG1013", "CrossEntropyLoss is given a cross-encoder with one label",
        "{0} learns a class id over several logits, but '{1}' builds the cross-encoder with 1 label", DiagnosticSeverity.Error,
        "CrossEntropyLoss takes a softmax over a model's labels; with one label the softmax is always 1 and the loss is 0 with no gradient, so nothing is learnt. Build the model with numLabels set to the number of classes, or use BinaryCrossEntropyLoss for 0/1 relevance.");

    public static readonly DiagnosticDescriptor RefusedDirections = Create(
        "LG1014", "In-batch directions the loss refuses",
        "{0}: {1}", DiagnosticSeverity.Error,
        "MultipleNegativesRankingLoss's directions must include QueryToDoc, the block that holds the positive pair, and a per-direction softmax needs the positive in every block, which QueryToQuery and DocToDoc never hold; sentence-transformers refuses both when the loss is built, and so does LossGen.");

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) => new(
        id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpRoot + id.ToLowerInvariant());
}
