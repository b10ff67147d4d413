using System;
using Microsoft.Extensions.Logging;
using System.Collections;
using System.Collections.Generic;

namespace LossGen;

/// <summary>
/// The data loader ContrastiveTensionLoss needs: batches of <c>batch_size</c> sentence pairs in which every
/// <c>pos_neg_ratio</c>-th pair is a positive (a sentence with itself, label 1) and the others are negatives (two
/// different sentences, label 0). Incomplete final batches are dropped. Unlike the reference, the caller's list is
/// never shuffled in place: each pass shuffles a copy.
/// </summary>
public sealed class ContrastiveTensionDataLoader : IEnumerable<IReadOnlyList<BinaryLabeledPairExample>>
{
    private readonly IReadOnlyList<string> _sentences;
    private readonly Random? _random;

    /// <summary>Creates the loader.</summary>
    /// <param name="sentences">The unlabelled sentences.</param>
    /// <param name="batchSize">Pairs per batch; a multiple of <paramref name="posNegRatio"/>.</param>
    /// <param name="posNegRatio">One positive pair per this many pairs.</param>
    /// <param name="random">The shuffling source; <c>null</c> keeps the given order (tests, reproducible runs).</param>
    public ContrastiveTensionDataLoader(IReadOnlyList<string> sentences, int batchSize, int posNegRatio = 8, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        HyperParameterGuard.InRange(nameof(ContrastiveTensionDataLoader), "batch_size", batchSize, ValueRange.Positive);
        HyperParameterGuard.InRange(nameof(ContrastiveTensionDataLoader), "pos_neg_ratio", posNegRatio, ValueRange.Positive);
        if (batchSize % posNegRatio != 0)
        {
            throw new ArgumentException($"{nameof(ContrastiveTensionDataLoader)}: batch_size {batchSize} must be divisible by pos_neg_ratio {posNegRatio}.", nameof(batchSize));
        }

        if (sentences.Count == 0)
        {
            throw new ArgumentException($"{nameof(ContrastiveTensionDataLoader)}: the sentence list is empty.", nameof(sentences));
        }

        for (int i = 0; i < sentences.Count; i++)
        {
            if (sentences[i] is null)
            {
                throw new ArgumentException($"{nameof(ContrastiveTensionDataLoader)}: sentence {i} is null.", nameof(sentences));
            }
        }

        if (sentences.Count < 2 * batchSize)
        {
            // As the reference, too few sentences give no batch; say so rather than train on nothing unnoticed.
            Diagnostics.LossGenLogging.CreateLogger<ContrastiveTensionDataLoader>().LogWarning(
                "ContrastiveTensionDataLoader: {Count} sentences may make no full batch of batch_size {BatchSize}, which uses up to 2 × batch_size sentences.", sentences.Count, batchSize);
        }

        _sentences = sentences;
        BatchSize = batchSize;
        PosNegRatio = posNegRatio;
        _random = random;
    }

    /// <summary>Pairs per batch (<c>batch_size</c>).</summary>
    public int BatchSize { get; }

    /// <summary>One positive per this many pairs (<c>pos_neg_ratio</c>).</summary>
    public int PosNegRatio { get; }

    /// <summary>What sentence-transformers reports as <c>len(loader)</c>: ⌊sentences / (2 · batch_size)⌋, an estimate.</summary>
    public int Count => _sentences.Count / (2 * BatchSize);

    /// <inheritdoc />
    public IEnumerator<IReadOnlyList<BinaryLabeledPairExample>> GetEnumerator()
    {
        string[] order = [.. _sentences];
        _random?.Shuffle(order);
        var batch = new List<BinaryLabeledPairExample>(BatchSize);
        int index = 0;
        while (index + 1 < order.Length)
        {
            string first = order[index];
            bool positive = batch.Count % PosNegRatio == 0;
            string second = positive ? first : order[++index];
            index++;
            batch.Add(new BinaryLabeledPairExample(first, second, positive));
            if (batch.Count >= BatchSize)
            {
                yield return batch;
                batch = new List<BinaryLabeledPairExample>(BatchSize);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
