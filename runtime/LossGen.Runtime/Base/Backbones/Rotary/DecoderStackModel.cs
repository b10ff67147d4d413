using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Rotary;

/// <summary>
/// The module tree of the decoder-style backbones (Qwen3, Gemma3): <c>embed_tokens</c>, <c>layers.{i}</c> and a final
/// RMSNorm <c>norm</c>, under transformers' names; the architectures differ in their layers, norms and embedding scale.
/// </summary>
/// <typeparam name="TLayer">The decoder layer.</typeparam>
public abstract class DecoderStackModel<TLayer> : RotaryEncoderModel
    where TLayer : nn.Module, IRotaryLayer
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Embedding embed_tokens;
    private readonly ModuleList<TLayer> layers;
    private readonly RmsNorm norm;
#pragma warning restore IDE1006
    private readonly (int Hidden, int Vocabulary, int Positions, int HeadDim) _shape;

    /// <summary>
    /// Creates the stack of <paramref name="config"/> (validated first), with <paramref name="createLayer"/>'s layers;
    /// <paramref name="gemmaNorm"/> selects a (1 + w) final norm.
    /// </summary>
    /// <exception cref="ArgumentException">The configuration names something LossGen does not implement.</exception>
    protected DecoderStackModel(string name, DecoderConfig config, Func<TLayer> createLayer, bool gemmaNorm)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createLayer);
        config.Validate();
        _shape = (config.HiddenSize, config.VocabSize, config.MaxPositionEmbeddings, config.HeadDim);
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = new ModuleList<TLayer>();
        for (int i = 0; i < config.NumHiddenLayers; i++)
        {
            layers.Add(createLayer());
        }

        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, gemmaNorm);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int HiddenSize => _shape.Hidden;

    /// <inheritdoc />
    public override int LayerCount => this.layers.Count;

    /// <inheritdoc />
    public override int VocabularySize => _shape.Vocabulary;

    /// <inheritdoc />
    public override int MaxSequenceLength => _shape.Positions;

    /// <inheritdoc />
    protected override int HeadDim => _shape.HeadDim;

    /// <summary>The factor the token embeddings are multiplied by (1: none).</summary>
    protected virtual float EmbeddingScale => 1f;

    /// <inheritdoc />
    protected override Tensor Embed(Tensor inputIds)
    {
        Tensor embedded = embed_tokens.call(inputIds);
        return EmbeddingScale == 1f ? embedded : embedded.mul(EmbeddingScale);
    }

    /// <inheritdoc />
    protected override Tensor RunLayer(int index, Tensor hidden, RotaryInputs inputs) => layers[index].Forward(hidden, inputs);

    /// <inheritdoc />
    protected override Tensor FinalNorm(Tensor hidden) => norm.call(hidden);
}
