using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LossGen;

/// <summary>
/// The data of DenoisingAutoEncoderLoss (TSDAE): each sentence becomes a (damaged, original) pair, the damage drawn afresh
/// on every access. The default noise deletes each word with probability 0.6, keeping one word when it would delete all.
/// </summary>
public sealed partial class DenoisingAutoEncoderDataset : IReadOnlyList<PairExample>
{
    private readonly IReadOnlyList<string> _sentences;
    private readonly Func<string, string> _noise;

    /// <summary>Creates the dataset.</summary>
    /// <param name="sentences">The unlabelled sentences.</param>
    /// <param name="noise">The damage applied to each sentence; word deletion with ratio 0.6 by default.</param>
    /// <param name="random">The randomness of the default noise; a shared generator by default.</param>
    public DenoisingAutoEncoderDataset(IReadOnlyList<string> sentences, Func<string, string>? noise = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        _sentences = sentences;
        Random source = random ?? Random.Shared;
        _noise = noise ?? (text => Delete(text, 0.6, source));
    }

    /// <inheritdoc />
    public int Count => _sentences.Count;

    /// <inheritdoc />
    public PairExample this[int index] => new(_noise(_sentences[index]), _sentences[index]);

    /// <summary>
    /// Deletes each word of <paramref name="text"/> with probability <paramref name="deletionRatio"/>; when every word
    /// would go, keeps one chosen at random. Words and punctuation are split as a Treebank tokenizer would, and joined
    /// back without spaces before punctuation.
    /// </summary>
    public static string Delete(string text, double deletionRatio, Random random)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(random);
        string[] words = Words().Matches(text).Select(m => m.Value).ToArray();
        if (words.Length == 0)
        {
            return text;
        }

        string[] kept = words.Where(_ => random.NextDouble() > deletionRatio).ToArray();
        if (kept.Length == 0)
        {
            kept = [words[random.Next(words.Length)]];
        }

        return SpaceBeforePunctuation().Replace(string.Join(' ', kept), "$1");
    }

    /// <inheritdoc />
    public IEnumerator<PairExample> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    [GeneratedRegex(@"\w+(?:'\w+)?|[^\w\s]")]
    private static partial Regex Words();

    [GeneratedRegex(@" ([.,!?;:%)\]}])")]
    private static partial Regex SpaceBeforePunctuation();
}
