using System;
using LossGen.Generators.Helpers;

namespace LossGen.Generators.Models;

/// <summary>Everything the emitter needs about one <c>[Loss]</c> declaration: strings, numbers and equatable arrays only.</summary>
internal sealed record LossModel(
    string? Namespace,
    string ClassName,
    string Accessibility,
    string InputKind,
    string LabelKind,
    int MinColumns,
    int? MaxColumns,
    string? Pairing,
    string? Objective,
    string? FixedSimilarity,
    MathMethodModel? Math,
    EquatableArray<HyperParameterModel> HyperParameters,
    string Traits,
    string? RefusesToWrap,
    string? UncachedTwin,
    bool IsGuided,
    bool TrainsModelCopy,
    bool HasOnCreated,
    string? Citation) : IEquatable<LossModel>;
