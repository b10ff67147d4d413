namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// How AdaptiveLayerLoss weighs each earlier layer's loss (<c>layer_weighting</c>, sentence-transformers v5.7); the
/// reference's callable form has no .NET equivalent in a config and is not offered.
/// </summary>
public enum LayerWeighting
{
    /// <summary>Every earlier layer alike: 1.</summary>
    [PythonName("uniform")]
    Uniform,

    /// <summary><c>1 / (1 + ln(1 + i))</c> for layer index i.</summary>
    [PythonName("log")]
    Log,

    /// <summary><c>1 / (1 + i)</c> for layer index i: before v5.7 the only (and undocumented) weighting.</summary>
    [PythonName("linear")]
    Linear,
}
