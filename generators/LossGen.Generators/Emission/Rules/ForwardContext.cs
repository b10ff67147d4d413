using System.Linq;
using LossGen.Generators.Models;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules;

/// <summary>What a rule's emitter reads from a declaration: its hyper-parameters by role and its compile-time choices.</summary>
internal sealed class ForwardContext(LossModel model)
{
    public LossModel Model { get; } = model;

    /// <summary>The property of a role the grammar check guaranteed.</summary>
    public string Name(HyperParameterRole role) => Model.Role(role)!.Name;

    /// <summary>The mini-batch size property, when the rule chunks by mini-batch and the loss declares one.</summary>
    public string? MiniBatchSize => Model.Rule!.ChunksByMiniBatch ? Model.Role(HyperParameterRole.MiniBatchSize)?.Name : null;

    /// <summary>The scale as a <c>double</c> or, when learnable, the <c>exp(logit_scale)</c> tensor.</summary>
    public string Scale => Model.Role(HyperParameterRole.Scale) is { IsLearnable: true } ? "LogitScale.exp()" : Name(HyperParameterRole.Scale);

    /// <summary>
    /// The call that compares <paramref name="a"/> with <paramref name="b"/> row by row, as the rule's comparison says:
    /// a class-level similarity is resolved here to its function, a similarity or distance hyper-parameter is dispatched
    /// at run time.
    /// </summary>
    public string Compare(string a, string b) => Model.Rule!.Comparison switch
    {
        EmbeddingComparison.PairwiseSimilarity when Model.FixedSimilarity is SimilarityFunction function => $"{Similarities}{function}({a}, {b})",
        EmbeddingComparison.PairwiseSimilarity => $"{Similarities}Pairwise({Name(HyperParameterRole.Similarity)}, {a}, {b})",
        EmbeddingComparison comparison => $"{Distances}{DistanceFamily(comparison)}({Name(HyperParameterRole.Distance)}, {a}, {b})",
    };

    /// <summary>The B×B distance matrix of one column, for <see cref="EmbeddingComparison.BatchDistance"/> rules.</summary>
    public string BatchDistances(string column) => $"{Distances}{DistanceFamily(EmbeddingComparison.BatchDistance)}({Name(HyperParameterRole.Distance)}, {column})";

    /// <summary>
    /// <c>scale · sim(a, b)</c> as an N×M matrix. A constant scale is folded into cos_sim's normalisation of <c>a</c>;
    /// a learnable one multiplies the scores so that its gradient flows.
    /// </summary>
    public string ScaledSimilarityMatrix(string a, string b) =>
        $"{Similarities}ScaledMatrix({SimilarityValue}, {a}, {b}, {Scale})";

    /// <summary>The query column against each candidate column, row by row: <c>[B, columns − 1]</c>.</summary>
    public string CandidateScores() => $"{LossAlgorithms}Candidates.PairwiseScores({SimilarityValue}, batch.Columns)";

    /// <summary>
    /// The rule's optional parameter <paramref name="name"/>: the declaration's property, or the reference's default when
    /// the declaration leaves it out. Only parameters the rule lists are read, so none can be read under another name.
    /// </summary>
    public string Optional(string name)
    {
        RuleParameter parameter = Model.Rule!.Optional(name) ?? throw new System.InvalidOperationException($"{Model.Rule.Pairing} × {Model.Rule.Objective} lists no parameter {name}.");
        return Model.HyperParameters.Any(p => p.Name == name && p.Role == HyperParameterRole.Plain) ? name : parameter.ReferenceDefault;
    }

    /// <summary>Whether the declaration sets the rule's optional parameter <paramref name="name"/>.</summary>
    public bool Declares(string name) => Optional(name) == name;

    private string SimilarityValue => Model.FixedSimilarity is SimilarityFunction function
        ? "global::LossGen.SimilarityFunction." + function
        : Name(HyperParameterRole.Similarity);

    // Distances.Siamese, Distances.Triplet and Distances.Batch are named after their comparison.
    private static string DistanceFamily(EmbeddingComparison comparison) => comparison.ToString().Replace("Distance", string.Empty);
}
