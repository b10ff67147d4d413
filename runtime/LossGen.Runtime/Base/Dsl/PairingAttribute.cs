using System;

namespace LossGen;

/// <summary>Declares how a loss pairs the embeddings of a batch (or mines them).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PairingAttribute(Pairing pairing) : Attribute
{
    /// <summary>The pairing or mining strategy.</summary>
    public Pairing Pairing { get; } = pairing;
}
