using System.Collections.Generic;

namespace LossGen;

/// <summary>
/// One rule of the DSL's grammar: a pairing and an objective, the hyper-parameter roles and labels they need, and how
/// they compare embeddings. The generator lowers each rule to that loss's forward code.
/// </summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
sealed class LossRule
{
    internal LossRule(Pairing pairing, Objective objective, EmbeddingComparison comparison, LabelKind label, HyperParameterRole[] requiredRoles, string math)
    {
        Pairing = pairing;
        Objective = objective;
        Comparison = comparison;
        Label = label;
        RequiredRoles = requiredRoles;
        Math = math;
    }

    /// <summary>The pairing: which embeddings are compared with which.</summary>
    public Pairing Pairing { get; }

    /// <summary>The objective applied to the comparisons.</summary>
    public Objective Objective { get; }

    /// <summary>The similarity or distance the declaration must provide (a role property or a class-level <c>[Similarity]</c>).</summary>
    public EmbeddingComparison Comparison { get; }

    /// <summary>The label the input kind must carry.</summary>
    public LabelKind Label { get; }

    /// <summary>The roles, besides the comparison, that the declaration must have a property for.</summary>
    public IReadOnlyList<HyperParameterRole> RequiredRoles { get; }

    /// <summary>The math the rule emits, in sentence-transformers' notation, for documentation.</summary>
    public string Math { get; }
}
