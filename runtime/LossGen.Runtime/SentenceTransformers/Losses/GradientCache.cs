using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
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
    public static Tensor Compute(SentenceLoss loss, TextBatch batch, int miniBatchSize)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batch);
        ISentenceEncoder model = loss.Model
            ?? throw new InvalidOperationException($"{loss.Descriptor.Name} was created without a model; pass one to its constructor to train, or call ComputeFromEmbeddings.");

        var chunks = new List<Chunk>();
        using (no_grad())
        {
            for (int column = 0; column < batch.Columns.Count; column++)
            {
                IReadOnlyList<string> texts = batch.Columns[column];
                for (int start = 0; start < texts.Count; start += miniBatchSize)
                {
                    string[] slice = texts.Skip(start).Take(miniBatchSize).ToArray();
                    // The replay state lives in the caller's dispose scope: a loss computed but never back-propagated
                    // (a logged value) leaves nothing behind once that scope ends.
                    Tensor randomState = get_rng_state();
                    Tensor embeddings = model.Encode(slice).detach().requires_grad_(true);
                    chunks.Add(new Chunk(column, slice, randomState, embeddings));
                }
            }
        }

        using var scope = NewDisposeScope();
        Tensor[] columns = Enumerable.Range(0, batch.Columns.Count)
            .Select(c => cat(chunks.Where(k => k.Column == c).Select(k => k.Embeddings).ToArray(), 0))
            .ToArray();
        Tensor value = loss.ComputeFromEmbeddings(new EmbeddingBatch(columns, batch.Labels?.to(model.Device), loss.EmbedGuide(batch)));
        if (!is_grad_enabled())
        {
            chunks.ForEach(k => k.Dispose());
            return value.MoveToOuterDisposeScope();
        }

        IList<Tensor> gradients = autograd.grad([value], chunks.Select(k => k.Embeddings).ToList(), allow_unused: true);
        var state = new ReplayState(loss.Descriptor.Name, model, chunks, gradients.Select(g => g?.MoveToOuterDisposeScope()).ToArray());
        Tensor detached = value.detach().requires_grad_(true);
        return ReplayFunction.apply(detached, state).MoveToOuterDisposeScope();
    }

    private sealed record Chunk(int Column, string[] Texts, Tensor RandomState, Tensor Embeddings) : IDisposable
    {
        public void Dispose()
        {
            RandomState.Dispose();
            Embeddings.Dispose();
        }
    }

    private sealed record ReplayState(string Loss, ISentenceEncoder Model, List<Chunk> Chunks, Tensor?[] Gradients);

    /// <summary>Identity in forward; in backward, re-embeds each mini-batch and back-propagates its cached gradient.</summary>
    private sealed class ReplayFunction : autograd.SingleTensorFunction<ReplayFunction>
    {
        public override string Name => "LossGenGradientCacheReplay";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            ctx.save_data("state", vars[1]);
            return ((Tensor)vars[0]).clone();
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var state = (ReplayState)ctx.get_data("state");
            if (state.Chunks.Exists(k => k.RandomState.IsInvalid || k.Embeddings.IsInvalid))
            {
                throw new InvalidOperationException($"{state.Loss}: backward() ran after the dispose scope that computed the loss had ended, taking the cached mini-batches with it; call backward() inside that scope.");
            }

            using Tensor current = get_rng_state();
            try
            {
                using (enable_grad())
                {
                    for (int i = 0; i < state.Chunks.Count; i++)
                    {
                        Chunk chunk = state.Chunks[i];
                        if (state.Gradients[i] is not Tensor cached)
                        {
                            continue;
                        }

                        using var scope = NewDisposeScope();
                        set_rng_state(chunk.RandomState);
                        Tensor embeddings = state.Model.Encode(chunk.Texts);
                        if (embeddings.requires_grad)
                        {
                            embeddings.mul(cached).sum().mul(grad_output).backward();
                        }
                    }
                }
            }
            finally
            {
                // As torch.random.fork_rng: the replay leaves the global random state as it found it.
                set_rng_state(current);
                state.Chunks.ForEach(k => k.Dispose());
                foreach (Tensor? gradient in state.Gradients)
                {
                    gradient?.Dispose();
                }
            }

            // One gradient per input of apply: the loss value, and none for the replay state.
            return [grad_output.clone(), null!];
        }
    }
}
