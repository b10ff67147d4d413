using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LossGen.Backbones.Rotary;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.ModernBert;

/// <summary>
/// transformers' ModernBertModel: normed token embeddings, pre-norm layers alternating global attention and local
/// attention within <c>local_attention // 2</c> positions (each kind with its RoPE base), GeGLU, and a final norm.
/// </summary>
public sealed class ModernBertModel : RotaryEncoderModel
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly ModernBertEmbeddings embeddings;
    private readonly ModuleList<ModernBertLayer> layers;
    private readonly ModernBertLayerNorm final_norm;
#pragma warning restore IDE1006

    /// <summary>Creates a randomly initialised model of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The configuration names something LossGen does not implement.</exception>
    public ModernBertModel(ModernBertConfig config)
        : base(nameof(ModernBertModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        embeddings = new ModernBertEmbeddings(config);
        layers = new ModuleList<ModernBertLayer>();
        for (int i = 0; i < config.NumHiddenLayers; i++)
        {
            layers.Add(new ModernBertLayer(config, i));
        }

        final_norm = new ModernBertLayerNorm(config.HiddenSize, config.NormEps, config.NormBias);
        RegisterComponents();
    }

    /// <summary>The configuration.</summary>
    public ModernBertConfig Config { get; }

    /// <inheritdoc />
    public override string ModelType => "modernbert";

    /// <inheritdoc />
    public override int HiddenSize => Config.HiddenSize;

    /// <inheritdoc />
    public override int LayerCount => layers.Count;

    /// <inheritdoc />
    public override int VocabularySize => Config.VocabSize;

    /// <inheritdoc />
    public override int MaxSequenceLength => Config.MaxPositionEmbeddings;

    /// <inheritdoc />
    public override JsonObject ToConfigJson() => ConfigJson(Config, "ModernBertModel");

    /// <inheritdoc />
    public override EncoderModel CreateEmpty() => new ModernBertModel(Config);

    /// <inheritdoc />
    protected override int HeadDim => Config.HeadDim;

    /// <inheritdoc />
    protected override IReadOnlyList<AttentionKind> AttentionKinds => [new(Causal: false, Window: null, Config.GlobalRopeTheta), new(Causal: false, Config.LocalAttention / 2, Config.LocalRopeTheta ?? Config.GlobalRopeTheta)];

    /// <inheritdoc />
    protected override int KindOf(int layer) => Config.IsGlobal(layer) ? 0 : 1;

    /// <inheritdoc />
    protected override Tensor Embed(Tensor inputIds) => embeddings.call(inputIds);

    /// <inheritdoc />
    protected override Tensor RunLayer(int index, Tensor hidden, RotaryInputs inputs) => layers[index].Forward(hidden, inputs);

    /// <inheritdoc />
    protected override Tensor FinalNorm(Tensor hidden) => final_norm.call(hidden);
}
