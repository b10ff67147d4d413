using System.Collections.Generic;

namespace LossGen;

/// <summary>
/// One rule of the DSL's grammar: a model family, a pairing and an objective, the hyper-parameter roles and labels they need, how they
/// compare embeddings, the optional parameters they read, and whether they need a guide or chunk by mini-batch. The
/// generator checks declarations against it and lowers each rule to that loss's forward code.
/// </summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
sealed class LossRule
{
    internal LossRule(
        Pairing pairing,
        Objective objective,
        EmbeddingComparison comparison,
        LabelKind label,
        HyperParameterRole[] requiredRoles,
        string math,
        RuleParameter[]? optional = null,
        bool needsGuide = false,
        bool chunksByMiniBatch = false,
        ModelFamily family = ModelFamily.SentenceTransformer)
    {
        Family = family;
        OptionalParameters = optional ?? [];
        NeedsGuide = needsGuide;
        ChunksByMiniBatch = chunksByMiniBatch;
        Pairing = pairing;
        Objective = objective;
        Comparison = comparison;
        Label = label;
        RequiredRoles = requiredRoles;
        Math = math;
    }

    /// <summary>The model family whose outputs the rule reads: embeddings (bi-encoders) or logits (cross-encoders).</summary>
    public ModelFamily Family { get; }

    /// <summary>The pairing: which embeddings are compared with which.</summary>
    public Pairing Pairing { get; }

    /// <summary>The objective applied to the comparisons.</summary>
    public Objective Objective { get; }

    /// <summary>The similarity or distance the declaration must provide (a role property or a class-level <c>[Similarity]</c>); <see cref="EmbeddingComparison.None"/> for rules over logits.</summary>
    public EmbeddingComparison Comparison { get; }

    /// <summary>The label the input kind must carry.</summary>
    public LabelKind Label { get; }

    /// <summary>The roles, besides the comparison, that the declaration must have a property for.</summary>
    public IReadOnlyList<HyperParameterRole> RequiredRoles { get; }

    /// <summary>The math the rule emits, in sentence-transformers' notation, for documentation.</summary>
    public string Math { get; }

    /// <summary>The plain hyper-parameters the rule reads when declared, each with the reference's default otherwise.</summary>
    public IReadOnlyList<RuleParameter> OptionalParameters { get; }

    /// <summary>Whether the rule reads a guide model's embeddings, so a loss of it must be <c>[Guided]</c>.</summary>
    public bool NeedsGuide { get; }

    /// <summary>Whether the rule scores in chunks of a <c>[MiniBatchSize]</c> when the loss declares one (GradCache).</summary>
    public bool ChunksByMiniBatch { get; }

    /// <summary>The optional parameter named <paramref name="name"/>, or <c>null</c> when the rule reads none of that name.</summary>
    public RuleParameter? Optional(string name)
    {
        foreach (RuleParameter parameter in OptionalParameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }
}
