namespace LossGen.Generators.Emission;

/// <summary>
/// The declarations of the public members the generated half adds beside the hyper-parameters, shared by the loss's
/// emitter and the stand-in's, so that code using them compiles against either.
/// </summary>
internal static class GeneratedMembers
{
    public const string Guide = "public global::LossGen.SentenceTransformers.Losses.ISentenceEncoder? Guide";

    public const string Loss = "public global::LossGen.SentenceTransformers.Losses.SentenceLoss Loss";

    public const string CopyModel = "public global::LossGen.SentenceTransformers.Losses.ISentenceEncoder? CopyModel";

    public const string LogitScale = "public global::TorchSharp.Modules.Parameter LogitScale";

    public const string EffectiveScale = "public double EffectiveScale";

    public const string Metadata = "public static global::LossGen.LossDescriptor Metadata";

    public const string Descriptor = "public override global::LossGen.LossDescriptor Descriptor";

    public const string GetConfigDictionary = "public override global::System.Collections.Generic.IReadOnlyDictionary<string, object?> GetConfigDictionary()";

    public const string ComputeFromEmbeddings = "public override " + GlobalNames.Tensor + " ComputeFromEmbeddings(global::LossGen.SentenceTransformers.Losses.EmbeddingBatch batch)";

    public const string ComputeFromLogits = "public override " + GlobalNames.Tensor + " ComputeFromLogits(global::LossGen.CrossEncoders.Losses.LogitBatch batch)";

    public const string Scoring = "protected override global::LossGen.CrossEncoders.Losses.ScoringOptions Scoring";

    /// <summary>The cross-encoder <c>Collate</c> overload for <paramref name="example"/> rows.</summary>
    public static string CrossEncoderCollate(string example) =>
        $"public static global::LossGen.CrossEncoders.Losses.CrossEncoderBatch Collate(global::System.Collections.Generic.IReadOnlyList<global::LossGen.{example}> examples, global::TorchSharp.torch.Device? device = null)";

    /// <summary>The <c>Collate</c> overload for <paramref name="example"/> rows.</summary>
    public static string Collate(string example) =>
        $"public static global::LossGen.TextBatch Collate(global::System.Collections.Generic.IReadOnlyList<global::LossGen.{example}> examples, global::TorchSharp.torch.Device? device = null)";
}
