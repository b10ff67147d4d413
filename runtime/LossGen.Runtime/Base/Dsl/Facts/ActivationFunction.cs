namespace LossGen;

/// <summary>
/// An activation applied to a cross-encoder's logits, named as sentence-transformers stores it (a <c>torch.nn</c>
/// class path): by <c>CrossEncoder.predict</c> and, as <c>activation_fn</c>, inside every cross-encoder loss.
/// </summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum ActivationFunction
{
    /// <summary><c>torch.nn.modules.linear.Identity</c>: the raw logits.</summary>
    Identity,

    /// <summary><c>torch.nn.modules.activation.Sigmoid</c>: a score in (0, 1).</summary>
    Sigmoid,

    /// <summary><c>torch.nn.modules.activation.Tanh</c>.</summary>
    Tanh,
}
