using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Models.Bert;

/// <summary>
/// A BERT-family transformer (embeddings → post-LayerNorm encoder layers), with Hugging Face parameter names so that
/// state dicts and safetensors files line up. It returns token embeddings; pooling is a separate module.
/// </summary>
public sealed class BertModel : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006, SA1300 // Hugging Face parameter names.
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
#pragma warning restore IDE1006, SA1300

    /// <summary>Creates a randomly initialised model of <paramref name="config"/>.</summary>
    public BertModel(BertConfig config)
        : base(nameof(BertModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        RegisterComponents();
    }

    /// <summary>The configuration.</summary>
    public BertConfig Config { get; }

    /// <summary>The embeddings module.</summary>
    public BertEmbeddings Embeddings => embeddings;

    /// <summary>The layer stack.</summary>
    public BertEncoder Encoder => encoder;

    /// <summary>The token embeddings of the last layer (B×T×H) for <paramref name="inputIds"/> and its 0/1 <paramref name="attentionMask"/>.</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask) => Forward(inputIds, attentionMask, encoder.LayerCount, null);

    /// <summary>
    /// Runs the embeddings and the first <paramref name="layers"/> layers (AdaptiveLayerLoss trains on prefixes of the
    /// stack); when <paramref name="hiddenStates"/> is given, each layer's output is added to it.
    /// </summary>
    public Tensor Forward(Tensor inputIds, Tensor attentionMask, int layers, List<Tensor>? hiddenStates)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(attentionMask);
        if (layers < 1 || layers > encoder.LayerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(layers), layers, $"BertModel has {encoder.LayerCount} layers.");
        }

        if (inputIds.shape[1] > Config.MaxPositionEmbeddings)
        {
            throw new ArgumentException($"BertModel: sequences of {inputIds.shape[1]} tokens exceed max_position_embeddings {Config.MaxPositionEmbeddings}.", nameof(inputIds));
        }

        using (var scope = NewDisposeScope())
        {
            Tensor keep = attentionMask.to(ScalarType.Bool).view(attentionMask.shape[0], 1, 1, attentionMask.shape[1]);
            Tensor hidden = embeddings.call(inputIds, zeros_like(inputIds));
            var states = new List<Tensor>();
            Tensor last = encoder.Forward(hidden, keep, layers, states);
            scope.MoveToOuter(states);
            hiddenStates?.AddRange(states);
            return last;
        }
    }
}
