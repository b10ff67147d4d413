using System;

namespace LossGen.Generators.Models;

/// <summary>One hyper-parameter, as plain data.</summary>
/// <param name="Name">The property name.</param>
/// <param name="TypeName">The fully qualified property type.</param>
/// <param name="Role">The role attribute.</param>
/// <param name="DefaultLiteral">The default as a C# literal, or <c>null</c> when required.</param>
/// <param name="Kind">How it is validated and shown in the config dictionary.</param>
/// <param name="Minimum">For plain numeric parameters, the smallest allowed value as a literal, or <c>null</c>.</param>
/// <param name="IsLearnable">For a scale: a trainable <c>logit_scale</c> parameter.</param>
internal sealed record HyperParameterModel(
    string Name,
    string TypeName,
    HyperParameterRole Role,
    string? DefaultLiteral,
    ValueKind Kind,
    string? Minimum,
    bool IsLearnable) : IEquatable<HyperParameterModel>;
