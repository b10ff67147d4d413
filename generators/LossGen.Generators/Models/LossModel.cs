using System;
using LossGen.Generators.Helpers;

namespace LossGen.Generators.Models;

/// <summary>Everything the emitter needs about one <c>[Loss]</c> declaration: strings, enums, numbers and equatable arrays only.</summary>
/// <param name="Namespace">The declaration's namespace, or <c>null</c> for the global namespace.</param>
/// <param name="ClassName">The class name, which is also the loss's sentence-transformers name.</param>
/// <param name="Accessibility">The declared accessibility, as C# spells it.</param>
/// <param name="InputKind">The input kind, or <c>null</c> for a wrapper, which takes its inner loss's.</param>
/// <param name="Pairing">The declared pairing, if any (a <c>[LossMath]</c> loss may declare one for the analyzers).</param>
/// <param name="Objective">The declared objective; with <paramref name="Pairing"/> it names the grammar rule.</param>
/// <param name="FixedSimilarity">A class-level <c>[Similarity]</c>, resolved at compile time.</param>
/// <param name="Math">The <c>[LossMath]</c> method, or <c>null</c> for a grammar or text-only loss.</param>
/// <param name="IsTextOnly">Whether the loss is <c>[TextOnly]</c>: it overrides <c>Compute</c> and has no embedding-level math.</param>
/// <param name="HyperParameters">The hyper-parameters in declaration order.</param>
/// <param name="Traits">The loss's traits.</param>
/// <param name="RefusesToWrap">For a wrapper, the traits of inner losses it refuses.</param>
/// <param name="UncachedTwin">For a gradient-cached loss, the fully qualified name of the loss it equals.</param>
/// <param name="TrainsModelCopy">Whether the loss trains an independent copy of the model.</param>
/// <param name="MaxColumns">The declaration's own bound on text columns, tighter than its input kind's, or <c>null</c>.</param>
/// <param name="HasOnCreated">Whether the declaration implements <c>partial void OnCreated()</c>.</param>
/// <param name="Citation">The BibTeX entry, if any.</param>
/// <param name="Family">The model family the loss trains, from <c>[Loss(…)]</c>.</param>
/// <param name="FixedDirections">A class-level <c>[Directions]</c>, resolved at compile time.</param>
internal sealed record LossModel(
    string? Namespace,
    string ClassName,
    string Accessibility,
    InputKind? InputKind,
    Pairing? Pairing,
    Objective? Objective,
    SimilarityFunction? FixedSimilarity,
    MathMethodModel? Math,
    bool IsTextOnly,
    EquatableArray<HyperParameterModel> HyperParameters,
    LossTraits Traits,
    LossTraits RefusesToWrap,
    string? UncachedTwin,
    bool TrainsModelCopy,
    int? MaxColumns,
    bool HasOnCreated,
    string? Citation,
    ModelFamily Family = ModelFamily.SentenceTransformer,
    FixedDirections? FixedDirections = null) : IEquatable<LossModel>
{
    public bool IsWrapper => Traits.HasFlag(LossTraits.Wrapper);

    public bool IsGuided => Traits.HasFlag(LossTraits.Guided);

    public LabelKind LabelKind => InputKind?.LabelOf() ?? LabelKind.None;

    public int MinColumns => InputKind?.MinColumns() ?? 1;

    public int? EffectiveMaxColumns => MaxColumns ?? InputKind?.MaxColumns();

    /// <summary>The grammar rule, for a loss declared with a pairing and an objective.</summary>
    public LossRule? Rule => Pairing is { } pairing && Objective is { } objective ? LossGrammar.Find(Family, pairing, objective) : null;

    /// <summary>The hyper-parameter with <paramref name="role"/>, if declared.</summary>
    public HyperParameterModel? Role(HyperParameterRole role)
    {
        foreach (HyperParameterModel parameter in HyperParameters)
        {
            if (parameter.Role == role)
            {
                return parameter;
            }
        }

        return null;
    }
}
