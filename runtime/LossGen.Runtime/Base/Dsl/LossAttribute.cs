using System;

namespace LossGen;

/// <summary>
/// Declares a sentence-embedding loss. The class must be <c>partial</c>; the LossGen source generator writes its
/// constructor, hyper-parameter plumbing, metadata and its <c>ComputeFromEmbeddings</c> forward.
/// </summary>
/// <remarks>
/// A declaration combines <see cref="RequiresInputAttribute"/> with either a pairing strategy and an objective
/// (<see cref="PairingAttribute"/>, <see cref="ObjectiveAttribute"/>) or a method marked <see cref="LossMathAttribute"/>.
/// Hyper-parameters are <c>partial</c> get-only properties carrying a role attribute such as <see cref="MarginAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LossAttribute : Attribute
{
}
