using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using LossGen.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// GradCache (Gao et al. 2021) for the gradient-cached losses: the batch is embedded in mini-batches without a graph, the
/// loss and its gradients with respect to those embeddings are computed once, and when the caller runs
/// <c>backward()</c> on the returned loss each mini-batch is embedded again with the same random state (so dropout masks
/// repeat) and its cached gradient is pushed into the model. Peak activation memory is that of one mini-batch.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientCache
{
    /// <summary>The loss of <paramref name="batch"/>, whose backward replays the model mini-batch by mini-batch.</summary>
    /// <param name="loss">The gradient-cached loss.</param>
    /// <param name="batch">The texts and labels.</param>
    /// <param name="miniBatchSize">Rows embedded at once (<c>mini_batch_size</c>).</param>
    /// <param name="miniBatchNumTokens">A budget of non-padding tokens per mini-batch instead (<c>mini_batch_num_tokens</c>), or <c>null</c>.</param>
    public static Tensor Compute(SentenceLoss loss, TextBatch batch, int miniBatchSize, int? miniBatchNumTokens = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batch);
        ISentenceEncoder model = loss.Model
            ?? throw new InvalidOperationException($"{loss.Descriptor.Name} was created without a model; pass one to its constructor to train, or call ComputeFromEmbeddings.");

        var chunks = new List<(int Column, GradientReplay.Chunk Chunk)>();
        using (no_grad())
        {
            for (int column = 0; column < batch.Columns.Count; column++)
            {
                IReadOnlyList<string> texts = batch.Columns[column];
                foreach ((int start, int count) in MiniBatchRanges.Of(TokenCounts(loss, model, texts, miniBatchNumTokens), miniBatchSize, miniBatchNumTokens))
                {
                    string[] slice = texts.Skip(start).Take(count).ToArray();
                    // The replay state lives in the caller's dispose scope: a loss computed but never back-propagated
                    // (a logged value) leaves nothing behind once that scope ends.
                    Tensor randomState = get_rng_state();
                    Tensor embeddings = model.Encode(slice).detach().requires_grad_(true);
                    chunks.Add((column, new GradientReplay.Chunk(randomState, embeddings, () => model.Encode(slice))));
                }
            }
        }

        using var scope = NewDisposeScope();
        Tensor[] columns = Enumerable.Range(0, batch.Columns.Count)
            .Select(c => cat(chunks.Where(k => k.Column == c).Select(k => k.Chunk.Output).ToArray(), 0))
            .ToArray();
        Tensor value = loss.ComputeFromEmbeddings(new EmbeddingBatch(columns, batch.Labels?.to(model.Device), loss.EmbedGuide(batch)));
        return GradientReplay.Attach(loss.Descriptor.Name, value, chunks.Select(k => k.Chunk).ToArray()).MoveToOuterDisposeScope();
    }

    // Token counts are only needed (and only asked of the model) for a token budget.
    private static IReadOnlyList<int> TokenCounts(SentenceLoss loss, ISentenceEncoder model, IReadOnlyList<string> texts, int? miniBatchNumTokens)
    {
        if (miniBatchNumTokens is null)
        {
            return new int[texts.Count];
        }

        ITokenCountingEncoder counting = model as ITokenCountingEncoder
            ?? throw new InvalidOperationException($"{loss.Descriptor.Name}: mini_batch_num_tokens needs each text's token count, which {model.GetType().Name} cannot give (ITokenCountingEncoder); use mini_batch_size instead.");
        return texts.Select(counting.CountTokens).ToArray();
    }
}
