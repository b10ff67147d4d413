using System.Collections.Generic;
using System.Linq;
using LossGen.Generators.Diagnostics;
using LossGen.Generators.Models;
using Microsoft.CodeAnalysis;

namespace LossGen.Generators.Parsing;

/// <summary>Checks a pairing/objective declaration against its <see cref="LossRule"/>: roles, labels, guide and comparison.</summary>
internal static class GrammarCheck
{
    public static void Check(
        string name,
        ModelFamily family,
        Pairing pairing,
        Objective objective,
        InputKind? inputKind,
        bool isGuided,
        SimilarityFunction? fixedSimilarity,
        IReadOnlyList<HyperParameterModel> hyperParameters,
        Location location,
        List<DiagnosticInfo> diagnostics)
    {
        // GrammarTests asserts that the generator has an emitter for exactly these rules.
        if (LossGrammar.Find(family, pairing, objective) is not LossRule rule)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedCombination, location, name, pairing.ToString(), objective.ToString(), family.ToString()));
            return;
        }

        string uses = $"{pairing} × {objective}";
        foreach (HyperParameterRole role in rule.RequiredRoles.Where(role => !hyperParameters.Any(p => p.Role == role)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingRoleHyperParameter, location, name, uses, role.ToString()));
        }

        if (inputKind is { } kind && kind.LabelOf() != rule.Label)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LabelMismatch, location, name, uses, rule.Label.ToString(), kind.ToString(), kind.LabelOf().ToString()));
        }

        if (rule.NeedsGuide != isGuided)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GuideMismatch, location, name, uses));
        }

        CheckUnread(name, uses, rule, hyperParameters, location, diagnostics);

        CheckComparison(name, uses, rule.Comparison, fixedSimilarity, hyperParameters, location, diagnostics);
    }

    // A parameter the rule never reads would be validated and shown in GetConfigDictionary() without changing the loss.
    private static void CheckUnread(string name, string uses, LossRule rule, IReadOnlyList<HyperParameterModel> hyperParameters, Location location, List<DiagnosticInfo> diagnostics)
    {
        string reads = rule.OptionalParameters.Count == 0 ? "no optional parameter" : string.Join(", ", rule.OptionalParameters.Select(p => $"{p.Name} ({p.TypeName})"));
        foreach (HyperParameterModel parameter in hyperParameters)
        {
            bool unread = parameter.Role switch
            {
                HyperParameterRole.Plain => rule.Optional(parameter.Name) is not { } optional || parameter.TypeName.Replace("global::", string.Empty) != optional.TypeName,
                HyperParameterRole.MiniBatchSize => !rule.ChunksByMiniBatch,
                _ => false,
            };
            if (unread)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadHyperParameter, location, name, parameter.Name, parameter.TypeName.Replace("global::", string.Empty), uses, parameter.Role == HyperParameterRole.Plain ? reads : "no [MiniBatchSize]: it does not chunk"));
            }
        }
    }

    private static void CheckComparison(string name, string uses, EmbeddingComparison comparison, SimilarityFunction? fixedSimilarity, IReadOnlyList<HyperParameterModel> hyperParameters, Location location, List<DiagnosticInfo> diagnostics)
    {
        HyperParameterModel? similarity = hyperParameters.FirstOrDefault(p => p.Role == HyperParameterRole.Similarity);
        HyperParameterModel? distance = hyperParameters.FirstOrDefault(p => p.Role == HyperParameterRole.Distance);
        switch (comparison)
        {
            case EmbeddingComparison.SimilarityMatrix or EmbeddingComparison.PairwiseSimilarity:
                if (fixedSimilarity is null && similarity is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingRoleHyperParameter, location, name, uses, HyperParameterRole.Similarity.ToString()));
                }

                SimilarityFunction? declared = fixedSimilarity ?? DefaultMember<SimilarityFunction>(similarity);
                if (declared is { } function && !function.Fits(comparison))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComparisonMismatch, location, name, uses, Describe(comparison), "SimilarityFunction." + function));
                }

                break;
            case EmbeddingComparison.SiameseDistance or EmbeddingComparison.TripletDistance or EmbeddingComparison.BatchDistance:
                string expected = MetricType(comparison);
                if (distance is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingRoleHyperParameter, location, name, uses, HyperParameterRole.Distance.ToString()));
                }
                else if (distance.TypeName != "global::" + expected)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComparisonMismatch, location, name, uses, Describe(comparison), distance.TypeName.Replace("global::", string.Empty)));
                }

                break;
        }
    }

    /// <summary>The metadata name of the metric enum a distance comparison needs.</summary>
    public static string MetricType(EmbeddingComparison comparison) => comparison switch
    {
        EmbeddingComparison.SiameseDistance => KnownNames.SiameseDistanceMetric,
        EmbeddingComparison.TripletDistance => KnownNames.TripletDistanceMetric,
        _ => KnownNames.BatchDistanceMetric,
    };

    private static string Describe(EmbeddingComparison comparison) => comparison switch
    {
        EmbeddingComparison.SimilarityMatrix => "an N×M similarity (cos_sim, dot_score, manhattan_sim, euclidean_sim or cosine_similarity)",
        EmbeddingComparison.PairwiseSimilarity => "a row-wise similarity (pairwise_cos_sim, pairwise_dot_score, pairwise_angle_sim, cosine_similarity, pairwise_manhattan_sim or pairwise_euclidean_sim)",
        _ => "a " + MetricType(comparison).Replace("LossGen.", string.Empty),
    };

    // The default literal is "global::LossGen.SimilarityFunction.CosSim"; its last segment names the member.
    private static TEnum? DefaultMember<TEnum>(HyperParameterModel? parameter)
        where TEnum : struct, System.Enum =>
        parameter?.DefaultLiteral is string literal && System.Enum.TryParse(literal.Substring(literal.LastIndexOf('.') + 1), out TEnum value) ? value : null;
}
