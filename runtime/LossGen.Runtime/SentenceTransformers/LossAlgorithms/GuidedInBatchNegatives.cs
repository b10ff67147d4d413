using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.SentenceTransformers.LossAlgorithms;

/// <summary>
/// GISTEmbed: in-batch negatives whose false negatives, judged by a guide model, are masked out (GISTEmbedLoss and
/// CachedGISTEmbedLoss). Similarities are matrix products of clamped-norm rows, never broadcast 3-D tensors.
/// </summary>
public static class GuidedInBatchNegatives
{
    /// <summary>Options of the loss, by their sentence-transformers names.</summary>
    /// <param name="Temperature">Softmax temperature.</param>
    /// <param name="Strategy">The margin strategy.</param>
    /// <param name="Margin">The margin.</param>
    /// <param name="ContrastAnchors">Also contrast anchors against other anchors.</param>
    /// <param name="ContrastPositives">Also contrast positives against other positives.</param>
    public readonly record struct Options(double Temperature, MarginStrategy Strategy, double Margin, bool ContrastAnchors, bool ContrastPositives);

    /// <summary>
    /// The loss over anchors, positives and any negative columns, in anchor chunks of <paramref name="miniBatchSize"/>.
    /// With <paramref name="gatherAcrossDevices"/> in a data-parallel run, the candidates (positives, negatives and their
    /// guide embeddings) of every rank are gathered and this rank's anchors scored against them, as the reference does;
    /// the anchors themselves are not gathered, so the anchor–anchor block stays this rank's.
    /// </summary>
    public static Tensor CrossEntropy(IReadOnlyList<Tensor> columns, IReadOnlyList<Tensor> guideColumns, Options options, int? miniBatchSize = null, bool gatherAcrossDevices = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(guideColumns);
        using var scope = NewDisposeScope();
        long offset = 0;
        if (gatherAcrossDevices)
        {
            (columns, guideColumns, offset) = Distributed.AcrossDevices.GatherCandidates(columns, guideColumns);
        }

        Tensor anchors = columns[0], positives = columns[1];
        Tensor guideAnchors = guideColumns[0], guidePositives = guideColumns[1];
        long batch = anchors.shape[0];
        long chunk = miniBatchSize is int size ? Math.Min(size, batch) : batch;
        // Anchor i's positive is candidate offset + i of the (gathered) candidates.
        Tensor targets = arange(offset, offset + batch, dtype: ScalarType.Int64, device: anchors.device);

        Tensor? total = null;
        for (long start = 0; start < batch; start += chunk)
        {
            long length = Math.Min(chunk, batch - start);
            Tensor a = anchors.narrow(0, start, length);
            Tensor p = positives.narrow(0, offset + start, length);
            Tensor ga = guideAnchors.narrow(0, start, length);
            Tensor gp = guidePositives.narrow(0, offset + start, length);

            Tensor guideAnchorPositive = Similarities.CosineSimilarityMatrix(ga, guidePositives);
            Tensor threshold = guideAnchorPositive.gather(1, targets.narrow(0, start, length).unsqueeze(1));
            Tensor protectedPositives = zeros_like(guideAnchorPositive, dtype: ScalarType.Bool)
                .scatter_(1, targets.narrow(0, start, length).unsqueeze(1), ones(length, 1, dtype: ScalarType.Bool, device: anchors.device));

            var blocks = new List<Tensor>
            {
                Masked(Similarities.CosineSimilarityMatrix(a, positives), guideAnchorPositive, threshold, options, protectedPositives),
            };
            if (options.ContrastAnchors)
            {
                blocks.Add(Masked(Similarities.CosineSimilarityMatrix(a, anchors), Similarities.CosineSimilarityMatrix(ga, guideAnchors), threshold, options));
            }

            if (options.ContrastPositives)
            {
                blocks.Add(Masked(Similarities.CosineSimilarityMatrix(p, positives), Similarities.CosineSimilarityMatrix(gp, guidePositives), threshold, options));
            }

            for (int negative = 2; negative < columns.Count; negative++)
            {
                blocks.Add(Masked(Similarities.CosineSimilarityMatrix(a, columns[negative]), Similarities.CosineSimilarityMatrix(ga, guideColumns[negative]), threshold, options));
            }

            Tensor scores = cat(blocks.ToArray(), 1).div_(options.Temperature);
            Tensor loss = F.cross_entropy(scores, targets.narrow(0, start, length));
            if (chunk != batch)
            {
                loss = loss.mul((double)length / batch);
            }

            total = total is null ? loss : total.add(loss);
        }

        return total!.MoveToOuterDisposeScope();
    }

    private static Tensor Masked(Tensor scores, Tensor guideScores, Tensor threshold, Options options, Tensor? protectedPositives = null)
    {
        // v5.6: the relative margin scales |g| so that it widens the limit whatever g's sign (5.2 used g · (1 − margin)).
        Tensor limit = options.Strategy == MarginStrategy.Absolute ? threshold.sub(options.Margin) : threshold - (threshold.abs() * options.Margin);
        Tensor falseNegatives = guideScores.gt(limit);
        if (protectedPositives is not null)
        {
            falseNegatives = falseNegatives.logical_and(protectedPositives.logical_not());
        }

        return scores.masked_fill(falseNegatives, double.NegativeInfinity);
    }
}
