using LossGen.SentenceTransformers.Losses;

namespace LossGen.SentenceTransformers;

/// <summary>An encoder that can make an independent, trainable copy of itself (ContrastiveTension trains two copies).</summary>
public interface ICopyableSentenceEncoder : ISentenceEncoder
{
    /// <summary>A deep copy: same weights and configuration, no shared parameters.</summary>
    ISentenceEncoder Copy();
}
