namespace LossGen.CrossEncoders.Losses;

/// <summary>The logarithm LambdaLoss and RankNetLoss take of each pair's weighted probability (<c>reduction_log</c>).</summary>
public enum ReductionLog
{
    /// <summary><c>"binary"</c>: log2 (the default).</summary>
    [PythonName("binary")]
    Binary,

    /// <summary><c>"natural"</c>: ln.</summary>
    [PythonName("natural")]
    Natural,
}
