using System;

namespace LossGen;

/// <summary>
/// Declares a loss. The class must be <c>partial</c>; the LossGen source generator writes its constructor,
/// hyper-parameter plumbing, metadata and its forward: over embeddings for a bi-encoder loss
/// (<c>ComputeFromEmbeddings</c>), over logits for a cross-encoder loss (<c>ComputeFromLogits</c>).
/// </summary>
/// <remarks>
/// A declaration combines <see cref="RequiresInputAttribute"/> with either a pairing strategy and an objective
/// (<see cref="PairingAttribute"/>, <see cref="ObjectiveAttribute"/>) or a method marked <see cref="LossMathAttribute"/>.
/// Hyper-parameters are <c>partial</c> get-only properties carrying a role attribute such as <see cref="MarginAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LossAttribute : Attribute
{
    /// <summary>A bi-encoder (sentence-transformer) loss.</summary>
    public LossAttribute()
    {
    }

    /// <summary>A loss of <paramref name="family"/>.</summary>
    public LossAttribute(ModelFamily family)
    {
        Family = family;
    }

    /// <summary>The model family the loss trains.</summary>
    public ModelFamily Family { get; }
}
