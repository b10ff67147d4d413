using System;
using LossGen.Generators.Helpers;

namespace LossGen.Generators.Models;

/// <summary>
/// A <c>[LossMath]</c> method: its name, the argument expression bound to each parameter, and whether it returns named
/// components (<c>IReadOnlyDictionary&lt;string, Tensor&gt;</c>, summed into the loss) rather than one tensor.
/// </summary>
internal sealed record MathMethodModel(string Name, EquatableArray<string> Arguments, bool ReturnsComponents = false) : IEquatable<MathMethodModel>;
