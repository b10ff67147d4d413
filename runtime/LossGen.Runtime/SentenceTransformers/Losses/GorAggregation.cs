namespace LossGen.SentenceTransformers.Losses;

/// <summary>How GlobalOrthogonalRegularizationLoss aggregates each term over the text columns (<c>aggregation</c>).</summary>
public enum GorAggregation
{
    /// <summary>The mean over columns.</summary>
    [PythonName("mean")]
    Mean,

    /// <summary>The sum over columns.</summary>
    [PythonName("sum")]
    Sum,
}
