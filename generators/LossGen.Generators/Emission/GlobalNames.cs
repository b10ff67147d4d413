namespace LossGen.Generators.Emission;

/// <summary>Fully qualified names the emitted code uses, so that no user type can shadow them.</summary>
internal static class GlobalNames
{
    public const string Tensor = "global::TorchSharp.torch.Tensor";
    public const string Torch = "global::TorchSharp.torch.";
    public const string Functional = "global::TorchSharp.torch.nn.functional.";
    public const string Similarities = "global::LossGen.Similarities.";
    public const string Distances = "global::LossGen.Distances.";
    public const string LossAlgorithms = "global::LossGen.SentenceTransformers.LossAlgorithms.";
    public const string CrossEncoderLossAlgorithms = "global::LossGen.CrossEncoders.LossAlgorithms.";
    public const string Int64 = "global::TorchSharp.torch.ScalarType.Int64";
    public const string Float32 = "global::TorchSharp.torch.ScalarType.Float32";
}
