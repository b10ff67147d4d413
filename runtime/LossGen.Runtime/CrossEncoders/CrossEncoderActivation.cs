namespace LossGen.CrossEncoders;

/// <summary>
/// The activation <see cref="CrossEncoder.Predict"/> applies to the logits, stored in <c>config.json</c> as
/// sentence-transformers stores it (<c>sentence_transformers.activation_fn</c>, a <c>torch.nn</c> class path).
/// </summary>
public enum CrossEncoderActivation
{
    /// <summary><c>torch.nn.modules.linear.Identity</c>: the raw logits (the default with several labels).</summary>
    Identity,

    /// <summary><c>torch.nn.modules.activation.Sigmoid</c>: a score in (0, 1) (the default with one label).</summary>
    Sigmoid,

    /// <summary><c>torch.nn.modules.activation.Tanh</c>.</summary>
    Tanh,
}
