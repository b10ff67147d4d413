namespace LossGen.Evaluation;

/// <summary>sentence-transformers' metric naming: <c>{name}_{metric}</c>, or the bare metric for an unnamed evaluator.</summary>
public static class MetricNames
{
    /// <summary>The prefixed name of <paramref name="metric"/> for the evaluator named <paramref name="evaluator"/>.</summary>
    public static string Prefixed(string evaluator, string metric) => string.IsNullOrEmpty(evaluator) ? metric : evaluator + "_" + metric;
}
