using System.Collections.Generic;
using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Bert;

/// <summary>The stack of transformer layers (<c>encoder.layer.{i}.*</c>).</summary>
public sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly ModuleList<BertLayer> layer;
#pragma warning restore IDE1006

    /// <summary>Creates the layers of <paramref name="config"/>.</summary>
    public BertEncoder(BertConfig config)
        : base(nameof(BertEncoder))
    {
        layer = new ModuleList<BertLayer>();
        for (int i = 0; i < config.NumHiddenLayers; i++)
        {
            layer.Add(new BertLayer(config));
        }

        RegisterComponents();
    }

    /// <summary>The number of layers.</summary>
    public int LayerCount => layer.Count;

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor keep) => Forward(hidden, keep, layer.Count, null);

    /// <summary>The layer at <paramref name="index"/>.</summary>
    public BertLayer this[int index] => layer[index];

    /// <summary>Runs the first <paramref name="layers"/> layers; collects each layer's output when <paramref name="states"/> is given.</summary>
    public Tensor Forward(Tensor hidden, Tensor keep, int layers, List<Tensor>? states) => MultiHeadAttention.RunLayers(layer, hidden, keep, layers, states);
}
