using System;
using LossGen.Generators.Helpers;

namespace LossGen.Generators.Models;

/// <summary>A <c>[LossMath]</c> method: its name and the argument expression bound to each parameter.</summary>
internal sealed record MathMethodModel(string Name, EquatableArray<string> Arguments) : IEquatable<MathMethodModel>;
