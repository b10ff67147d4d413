namespace LossGen;

/// <summary>
/// An optional plain hyper-parameter a grammar rule reads (<c>[HyperParameter]</c>), with the reference's default,
/// which the rule uses when a declaration leaves the parameter out.
/// </summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
sealed class RuleParameter
{
    internal RuleParameter(string name, string typeName, string referenceDefault)
    {
        Name = name;
        TypeName = typeName;
        ReferenceDefault = referenceDefault;
    }

    /// <summary>The property name a declaration gives it (sentence-transformers' argument in .NET casing).</summary>
    public string Name { get; }

    /// <summary>Its type as C# names it: <c>bool</c>, or a DSL enum's full name such as <c>LossGen.MarginStrategy</c>.</summary>
    public string TypeName { get; }

    /// <summary>The reference's default, as a C# expression.</summary>
    public string ReferenceDefault { get; }
}
