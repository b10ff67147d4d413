namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// A sentence encoder that can say how many tokens it feeds its transformer for a text (special tokens included,
/// after truncation): what a token-budget mini-batch (<c>mini_batch_num_tokens</c>) counts.
/// </summary>
public interface ITokenCountingEncoder : ISentenceEncoder
{
    /// <summary>The non-padding tokens of <paramref name="text"/> as the model embeds it.</summary>
    int CountTokens(string text);
}
