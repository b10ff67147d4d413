namespace LossGen.CrossEncoders.Losses;

/// <summary>LambdaLoss's weighting of each document pair (Wang et al., 2018; the allRank implementation sentence-transformers follows).</summary>
public enum LambdaWeightingScheme
{
    /// <summary>Every pair weighs 1: RankNet.</summary>
    [PythonName("sentence_transformers.cross_encoder.losses.lambda_loss.NoWeightingScheme")]
    NoWeightingScheme,

    /// <summary>NDCG-Loss1: gain over discount of the higher-ranked document; keeps every real pair.</summary>
    [PythonName("sentence_transformers.cross_encoder.losses.lambda_loss.NDCGLoss1Scheme")]
    NDCGLoss1Scheme,

    /// <summary>NDCG-Loss2: the change in discount between neighbouring ranks times the gain difference.</summary>
    [PythonName("sentence_transformers.cross_encoder.losses.lambda_loss.NDCGLoss2Scheme")]
    NDCGLoss2Scheme,

    /// <summary>LambdaRank: |1/D_a − 1/D_b| · |G_a − G_b|.</summary>
    [PythonName("sentence_transformers.cross_encoder.losses.lambda_loss.LambdaRankScheme")]
    LambdaRankScheme,

    /// <summary>NDCG-Loss2++: <c>mu</c> · NDCG-Loss2 + LambdaRank (the default).</summary>
    [PythonName("sentence_transformers.cross_encoder.losses.lambda_loss.NDCGLoss2PPScheme")]
    NDCGLoss2PPScheme,
}
