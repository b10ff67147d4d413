namespace LossGen.SentenceTransformers.Losses;

/// <summary>How EmbedDistillLoss compares a student embedding with its teacher's (<c>distance_metric</c>).</summary>
public enum EmbedDistillDistance
{
    /// <summary><c>1 − cos(s, t)</c> per row (<c>F.cosine_similarity</c>, eps 1e-8), averaged.</summary>
    [PythonName("cosine")]
    Cosine,

    /// <summary>The mean of <c>(s − t)²</c> over every entry.</summary>
    [PythonName("mse")]
    Mse,

    /// <summary><c>‖s − t‖₂</c> per row, averaged; its gradient is 0 where a row equals its teacher.</summary>
    [PythonName("l2")]
    L2,
}
