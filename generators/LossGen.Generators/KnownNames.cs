namespace LossGen.Generators;

/// <summary>
/// Metadata names of the runtime's DSL types, for the generator and the analyzers (which compile this file too). Neither
/// references the runtime assembly; the types they share with it as source (<c>Dsl/Facts</c>) are named through
/// <c>typeof</c>, so a rename cannot drift. A role attribute's name comes from <c>HyperParameterRoles.AttributeName</c>.
/// </summary>
internal static class KnownNames
{
    public const string LossAttribute = "LossGen.LossAttribute";
    public const string RequiresInputAttribute = "LossGen.RequiresInputAttribute";
    public const string PairingAttribute = "LossGen.PairingAttribute";
    public const string ObjectiveAttribute = "LossGen.ObjectiveAttribute";
    public const string LossMathAttribute = "LossGen.LossMathAttribute";
    public const string TextOnlyAttribute = "LossGen.TextOnlyAttribute";
    public const string CitationAttribute = "LossGen.CitationAttribute";
    public const string DirectionsAttribute = "LossGen.DirectionsAttribute";
    public const string GradientCacheAttribute = "LossGen.GradientCacheAttribute";
    public const string WrapsAttribute = "LossGen.WrapsAttribute";
    public const string GuidedAttribute = "LossGen.GuidedAttribute";
    public const string TrainsModelCopyAttribute = "LossGen.TrainsModelCopyAttribute";
    public const string RequiresLoaderAttribute = "LossGen.RequiresLoaderAttribute";
    public const string RefusesLoaderAttribute = "LossGen.RefusesLoaderAttribute";
    public const string RecommendsSamplerAttribute = "LossGen.RecommendsSamplerAttribute";
    public const string BatchSizeAdviceAttribute = "LossGen.BatchSizeAdviceAttribute";
    public const string RequiresEvenEmbeddingDimensionAttribute = "LossGen.RequiresEvenEmbeddingDimensionAttribute";
    public const string InputExample = "LossGen.InputExample";
    public const string GroupByLabelBatchSampler = "LossGen.GroupByLabelBatchSampler`1";
    public const string Namespace = "LossGen";
    public const string TorchTensor = "TorchSharp.torch.Tensor";
    public const string EmbeddingBatch = "LossGen.SentenceTransformers.Losses.EmbeddingBatch";
    public const string SentenceLoss = "LossGen.SentenceTransformers.Losses.SentenceLoss";

    public const string LogitBatch = "LossGen.CrossEncoders.Losses.LogitBatch";

    public static readonly string SimilarityFunction = typeof(SimilarityFunction).FullName!;
    public static readonly string ActivationFunction = typeof(ActivationFunction).FullName!;
    public static readonly string SiameseDistanceMetric = typeof(SiameseDistanceMetric).FullName!;
    public static readonly string TripletDistanceMetric = typeof(TripletDistanceMetric).FullName!;
    public static readonly string BatchDistanceMetric = typeof(BatchDistanceMetric).FullName!;
}
