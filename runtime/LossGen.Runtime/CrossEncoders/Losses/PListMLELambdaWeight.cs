namespace LossGen.CrossEncoders.Losses;

/// <summary>PListMLELoss's position weights (<c>lambda_weight</c>); <c>null</c> weighs every position alike (ListMLE).</summary>
public enum PListMLELambdaWeight
{
    /// <summary><c>PListMLELambdaWeight()</c>: position r (0-based) of n weighs <c>2^(n − r) − 1</c>, normalised per query.</summary>
    [PythonName("sentence_transformers.cross_encoder.losses.plist_mle.PListMLELambdaWeight")]
    Default,
}
