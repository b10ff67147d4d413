using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// AdaptiveLayerLoss (2D Matryoshka, layer dimension): trains the model so that its earlier layers already give good
/// embeddings. Each step applies the wrapped loss to the last layer, and to <c>n_layers_per_step</c> sampled earlier
/// layers weighted 1/(1 + layer index), plus a KL term pulling each earlier layer's similarity structure towards the
/// last layer's. Needs a model that exposes its layers (<see cref="ILayeredSentenceEncoder"/>); gradient-cached losses
/// cannot be wrapped.
/// </summary>
[Loss]
[Wraps(Refuses = LossTraits.GradientCached)]
[Citation(Citations.TwoDimensionalMatryoshka)]
public sealed partial class AdaptiveLayerLoss
{
    /// <summary>Earlier layers sampled per step; −1 or a value ≥ the layer count uses all (<c>n_layers_per_step</c>).</summary>
    [HyperParameter(1)]
    public partial int NLayersPerStep { get; }

    /// <summary>Weight of the last layer's loss (<c>last_layer_weight</c>).</summary>
    [HyperParameter(1.0f, Minimum = 0)]
    public partial float LastLayerWeight { get; }

    /// <summary>Weight of the earlier layers' losses (<c>prior_layers_weight</c>).</summary>
    [HyperParameter(1.0f, Minimum = 0)]
    public partial float PriorLayersWeight { get; }

    /// <summary>Weight of the KL term (<c>kl_div_weight</c>).</summary>
    [HyperParameter(1.0f, Minimum = 0)]
    public partial float KlDivWeight { get; }

    /// <summary>Softmax temperature of the KL term; 0 turns it off (<c>kl_temperature</c>).</summary>
    [HyperParameter(0.3f, Minimum = 0)]
    public partial float KlTemperature { get; }

    /// <summary>How each earlier layer's loss is weighted by its index (<c>layer_weighting</c>).</summary>
    [HyperParameter(LayerWeighting.Uniform)]
    public partial LayerWeighting LayerWeighting { get; }

    /// <summary>The source of layer sampling; replace it for reproducible runs.</summary>
    public Random Random { get; set; } = Random.Shared;

    /// <inheritdoc />
    /// <remarks>Embeds every column once, pooling the output of every layer, and combines the per-layer losses.</remarks>
    public override Tensor Compute(TextBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (RequireModel() is not ILayeredSentenceEncoder model)
        {
            throw new InvalidOperationException($"{nameof(AdaptiveLayerLoss)} needs a model that exposes its layers (ILayeredSentenceEncoder), such as SentenceTransformer.");
        }

        using var scope = NewDisposeScope();
        IReadOnlyList<Tensor>[] layers = batch.Columns.Select(texts => model.EncodeLayers(texts)).ToArray();
        Tensor? labels = batch.Labels?.to(model.Device);
        IReadOnlyList<Tensor>? guide = Loss.EmbedGuide(batch);
        return Combine(index => layers.Select(column => column[index]).ToArray(), model.LayerCount, labels, guide).MoveToOuterDisposeScope();
    }

    /// <summary>The loss from per-layer embeddings: <paramref name="layer"/>(k) gives every column's embeddings after layer k + 1.</summary>
    internal Tensor Combine(Func<int, Tensor[]> layer, int layerCount, Tensor? labels, IReadOnlyList<Tensor>? guide)
    {
        Tensor[] final = layer(layerCount - 1);
        Tensor loss = Loss.ComputeFromEmbeddings(new EmbeddingBatch(final, labels, guide)).mul(LastLayerWeight);
        // The last layer is the self-distillation teacher: kept out of the KL gradient (v5.7, #3757).
        Tensor? target = KlTemperature > 0 ? cat(final, 0).div(KlTemperature).softmax(-1).detach() : null;

        int[] indices = Enumerable.Range(0, layerCount - 1).ToArray();
        if (NLayersPerStep > 0 && NLayersPerStep < indices.Length)
        {
            // Python's random.sample: a random subset, in random order.
            indices = indices.OrderBy(_ => Random.Next()).Take(NLayersPerStep).ToArray();
        }

        foreach (int index in indices)
        {
            Tensor[] embeddings = layer(index);
            Tensor term = Loss.ComputeFromEmbeddings(new EmbeddingBatch(embeddings, labels, guide));
            loss = loss + (term * (Weight(index) / indices.Length * PriorLayersWeight));
            if (target is not null)
            {
                // The reference weighs the KL by T, not T².
                Tensor logProbabilities = F.log_softmax(cat(embeddings, 0).div(KlTemperature), -1);
                Tensor divergence = xlogy(target, target).sub(target.mul(logProbabilities)).sum().div(logProbabilities.shape[0]);
                loss = loss.add(divergence.mul(KlTemperature * KlDivWeight));
            }
        }

        return loss;
    }

    /// <summary>The weight of layer <paramref name="index"/>'s loss under <see cref="LayerWeighting"/> (<c>get_layer_weight</c>).</summary>
    public double Weight(int index) => LayerWeighting switch
    {
        LayerWeighting.Log => 1.0 / (1.0 + Math.Log(1 + index)),
        LayerWeighting.Linear => 1.0 / (1 + index),
        _ => 1.0,
    };

    // On precomputed embeddings there are no earlier layers: only the last layer's weighted loss remains.
    [LossMath]
    private Tensor FinalLayer(EmbeddingBatch batch) => Loss.ComputeFromEmbeddings(batch).mul(LastLayerWeight);
}
