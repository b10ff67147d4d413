using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Training;

/// <summary>
/// The replay half of GradCache (Gao et al. 2021), for both model families: a loss computed from outputs that were
/// produced in mini-batches without a graph (embeddings, logits) gets a backward that recomputes each mini-batch with
/// its random state (so dropout masks repeat) and pushes the cached gradient of the loss with respect to that output
/// into the model. Peak activation memory is that of one mini-batch.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientReplay
{
    /// <summary>
    /// One mini-batch: the random state before it ran, its output (detached, requiring grad, the leaf the loss was
    /// computed from) and how to run it again with a graph.
    /// </summary>
    public sealed record Chunk(Tensor RandomState, Tensor Output, Func<Tensor> Recompute) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            RandomState.Dispose();
            Output.Dispose();
        }
    }

    /// <summary>
    /// Returns <paramref name="value"/>, whose <c>backward()</c> replays <paramref name="chunks"/>; with gradients
    /// disabled (evaluation) the chunks are released and the value returned as it is.
    /// </summary>
    public static Tensor Attach(string loss, Tensor value, IReadOnlyList<Chunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(chunks);
        if (!is_grad_enabled())
        {
            foreach (Chunk chunk in chunks)
            {
                chunk.Dispose();
            }

            return value;
        }

        IList<Tensor> gradients = autograd.grad([value], chunks.Select(k => k.Output).ToList(), allow_unused: true);
        var state = new ReplayState(loss, [.. chunks], gradients.Select(g => g?.MoveToOuterDisposeScope()).ToArray());
        Tensor detached = value.detach().requires_grad_(true);
        return ReplayFunction.apply(detached, state);
    }

    private sealed record ReplayState(string Loss, List<Chunk> Chunks, Tensor?[] Gradients);

    /// <summary>Identity in forward; in backward, recomputes each mini-batch and back-propagates its cached gradient.</summary>
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
            if (state.Chunks.Exists(k => k.RandomState.IsInvalid || k.Output.IsInvalid))
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
                        if (state.Gradients[i] is not Tensor cached)
                        {
                            continue;
                        }

                        using var scope = NewDisposeScope();
                        set_rng_state(state.Chunks[i].RandomState);
                        Tensor output = state.Chunks[i].Recompute();
                        if (output.requires_grad)
                        {
                            output.mul(cached).sum().mul(grad_output).backward();
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
