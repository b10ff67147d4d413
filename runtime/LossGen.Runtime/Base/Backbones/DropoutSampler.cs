namespace LossGen.Backbones;

/// <summary>How the encoder's dropout layers draw their masks in training on the CPU.</summary>
public enum DropoutSampler
{
    /// <summary>
    /// As libtorch's dropout draws them (the default): one draw of torch's generator per element, in order, on one
    /// thread, so a seeded run repeats the masks of a PyTorch run that makes the same calls.
    /// </summary>
    Libtorch,

    /// <summary>
    /// Each element kept or dropped by a hash of one seed drawn from torch's generator and the element's position
    /// (SplitMix64), computed on all intra-op threads and only for the elements used: the same Bernoulli distribution,
    /// a different stream; still seeded by <c>torch.manual_seed</c> and equal between padded and packed runs.
    /// Attention-probability dropout then runs attention unfused with this mask. On the CPU, libtorch's serial draws are
    /// about a fifth of a short-text training step; elsewhere (CUDA) libtorch's dropout is used either way.
    /// </summary>
    Parallel,
}
