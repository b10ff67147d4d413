using System;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// Matryoshka2dLoss (2DMSE): AdaptiveLayerLoss over MatryoshkaLoss, so the model trains for both fewer layers and fewer
/// dimensions. By default each step uses the last layer and one sampled earlier layer, each at one sampled dimension.
/// Gradient-cached losses cannot be wrapped.
/// </summary>
[Loss]
[Wraps(Refuses = LossTraits.GradientCached)]
[Citation(Citations.TwoDimensionalMatryoshka)]
public sealed partial class Matryoshka2dLoss
{
    /// <summary>The truncation sizes, each &gt; 0 (<c>matryoshka_dims</c>).</summary>
    [HyperParameter]
    public partial int[] MatryoshkaDims { get; }

    /// <summary>One weight per dimension, or <c>null</c> for all 1 (<c>matryoshka_weights</c>).</summary>
    [HyperParameter(null)]
    public partial float[]? MatryoshkaWeights { get; }

    /// <summary>Earlier layers sampled per step (<c>n_layers_per_step</c>).</summary>
    [HyperParameter(1)]
    public partial int NLayersPerStep { get; }

    /// <summary>Dimensions sampled per step (<c>n_dims_per_step</c>).</summary>
    [HyperParameter(1)]
    public partial int NDimsPerStep { get; }

    /// <summary>Weight of the last layer's loss (<c>last_layer_weight</c>).</summary>
    [HyperParameter(1.0f, Minimum = 0)]
    public partial float LastLayerWeight { get; }

    /// <summary>Weight of the earlier layers' losses (<c>prior_layers_weight</c>).</summary>
    [HyperParameter(1.0f, Minimum = 0)]
    public partial float PriorLayersWeight { get; }

    /// <summary>Weight of the KL term (<c>kl_div_weight</c>).</summary>
    [HyperParameter(1.0f, Minimum = 0)]
    public partial float KlDivWeight { get; }

    /// <summary>Softmax temperature of the KL term (<c>kl_temperature</c>).</summary>
    [HyperParameter(0.3f, Minimum = 0)]
    public partial float KlTemperature { get; }

    /// <summary>How each earlier layer's loss is weighted by its index (<c>layer_weighting</c>).</summary>
    [HyperParameter(LayerWeighting.Uniform)]
    public partial LayerWeighting LayerWeighting { get; }

    /// <summary>The composed losses: layers outside, dimensions inside.</summary>
    public AdaptiveLayerLoss Composition { get; private set; } = null!;

    partial void OnCreated()
    {
        var matryoshka = new MatryoshkaLoss(Model, Loss, MatryoshkaDims, MatryoshkaWeights, NDimsPerStep);
        // Not registered as a submodule: it holds the same inner loss, whose parameters must be counted once.
        Composition = new AdaptiveLayerLoss(Model, matryoshka, NLayersPerStep, LastLayerWeight, PriorLayersWeight, KlDivWeight, KlTemperature, LayerWeighting);
    }

    /// <inheritdoc />
    public override Tensor Compute(TextBatch batch) => Composition.Compute(batch);

    [LossMath]
    private Tensor Compute(EmbeddingBatch batch) => Composition.ComputeFromEmbeddings(batch);
}
