namespace LossGen;

/// <summary>
/// The values a hyper-parameter's role admits. One fact, read everywhere a value is checked: a declaration's default
/// at compile time (LG0015), a constant argument at the call site (LG1003), and the value a generated constructor is
/// given at run time (<c>HyperParameterGuard</c>).
/// </summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum ValueRange
{
    /// <summary>Any value of the parameter's type.</summary>
    Any,

    /// <summary>A finite value &gt; 0 (scales, temperatures, mini-batch sizes).</summary>
    Positive,

    /// <summary>A finite value ≥ 0 (margins).</summary>
    NonNegative,
}
