using System;
using LossGen.Generators.Helpers;

namespace LossGen.Generators.Models;

/// <summary>
/// The transform's output: the model to emit, or, when the declaration cannot be generated, the stand-in that lets it
/// compile; and its diagnostics.
/// </summary>
internal sealed record LossGenerationResult(LossModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LossStandIn? StandIn = null) : IEquatable<LossGenerationResult>;
