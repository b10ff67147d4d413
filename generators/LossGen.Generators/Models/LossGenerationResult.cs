using System;
using LossGen.Generators.Helpers;

namespace LossGen.Generators.Models;

/// <summary>The transform's output: the model to emit (absent when the declaration cannot be generated) and its diagnostics.</summary>
internal sealed record LossGenerationResult(LossModel? Model, EquatableArray<DiagnosticInfo> Diagnostics) : IEquatable<LossGenerationResult>;
