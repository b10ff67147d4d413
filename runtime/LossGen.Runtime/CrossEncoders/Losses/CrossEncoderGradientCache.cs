using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using LossGen.CrossEncoders.LossAlgorithms;
using LossGen.Training;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// GradCache for cross-encoder losses (CachedMultipleNegativesRankingLoss): every model call is scored in chunks of
/// <c>mini_batch_size</c> pairs without a graph, the loss is computed from those logits, and its backward re-scores each
/// chunk with its random state and pushes the cached gradient into the model. The value and gradients equal the
/// uncached loss's; peak activation memory is that of one chunk.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CrossEncoderGradientCache
{
    /// <summary>The loss of <paramref name="batch"/>, whose backward replays the model chunk by chunk.</summary>
    public static Tensor Compute(CrossEncoderLoss loss, CrossEncoderBatch batch, int miniBatchSize)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(miniBatchSize, 1);
        ICrossEncoderScorer model = loss.Model ?? throw new InvalidOperationException($"{loss.Descriptor.Name} was created without a model; use ComputeFromLogits.");
        var chunks = new List<GradientReplay.Chunk>();
        using var scope = NewDisposeScope();
        LogitBatch logits = CrossEncoderScoring.Score(loss.Descriptor, new ChunkedScorer(model, miniBatchSize, chunks), batch, loss.ScoringOptions);
        Tensor value = loss.ComputeFromLogits(logits);
        return GradientReplay.Attach(loss.Descriptor.Name, value, chunks).MoveToOuterDisposeScope();
    }

    /// <summary>Scores in chunks without a graph and records each chunk for the replay.</summary>
    private sealed class ChunkedScorer(ICrossEncoderScorer model, int miniBatchSize, List<GradientReplay.Chunk> chunks) : ICrossEncoderScorer
    {
        public int NumLabels => model.NumLabels;

        public Device Device => model.Device;

        public Tensor Score(IReadOnlyList<(string Query, string Document)> pairs)
        {
            var outputs = new List<Tensor>();
            for (int start = 0; start < pairs.Count; start += miniBatchSize)
            {
                (string, string)[] slice = pairs.Skip(start).Take(miniBatchSize).ToArray();

                // The replay state lives in the caller's dispose scope, so a loss never back-propagated leaves nothing behind.
                Tensor randomState = get_rng_state().MoveToOuterDisposeScope();
                Tensor output;
                using (no_grad())
                {
                    output = model.Score(slice).detach();
                }

                output = output.requires_grad_(true).MoveToOuterDisposeScope();
                chunks.Add(new GradientReplay.Chunk(randomState, output, () => model.Score(slice)));
                outputs.Add(output);
            }

            return cat(outputs, 0);
        }
    }
}
