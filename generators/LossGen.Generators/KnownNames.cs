namespace LossGen.Generators;

/// <summary>Metadata names of the runtime's DSL types; the generator does not reference the runtime assembly.</summary>
internal static class KnownNames
{
    public const string LossAttribute = "LossGen.LossAttribute";
    public const string RequiresInputAttribute = "LossGen.RequiresInputAttribute";
    public const string PairingAttribute = "LossGen.PairingAttribute";
    public const string ObjectiveAttribute = "LossGen.ObjectiveAttribute";
    public const string LossMathAttribute = "LossGen.LossMathAttribute";
    public const string CitationAttribute = "LossGen.CitationAttribute";
    public const string GradientCacheAttribute = "LossGen.GradientCacheAttribute";
    public const string WrapsAttribute = "LossGen.WrapsAttribute";
    public const string GuidedAttribute = "LossGen.GuidedAttribute";
    public const string TrainsModelCopyAttribute = "LossGen.TrainsModelCopyAttribute";
    public const string HyperParameterAttribute = "LossGen.HyperParameterAttribute";
    public const string MarginAttribute = "LossGen.MarginAttribute";
    public const string ScaleAttribute = "LossGen.ScaleAttribute";
    public const string TemperatureAttribute = "LossGen.TemperatureAttribute";
    public const string MiniBatchSizeAttribute = "LossGen.MiniBatchSizeAttribute";
    public const string SimilarityAttribute = "LossGen.SimilarityAttribute";
    public const string DistanceAttribute = "LossGen.DistanceAttribute";
    public const string SimilarityFunction = "LossGen.SimilarityFunction";
    public const string TorchTensor = "TorchSharp.torch.Tensor";
    public const string EmbeddingBatch = "LossGen.EmbeddingBatch";
}
