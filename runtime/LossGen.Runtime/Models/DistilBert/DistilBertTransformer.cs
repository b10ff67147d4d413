using LossGen.Models.Transformers;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Models.DistilBert;

/// <summary>The stack of DistilBERT layers (<c>transformer.layer.{i}.*</c>).</summary>
public sealed class DistilBertTransformer : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006, SA1300 // Hugging Face parameter names.
    private readonly ModuleList<DistilBertLayer> layer;
#pragma warning restore IDE1006, SA1300

    /// <summary>Creates the layers of <paramref name="config"/>.</summary>
    public DistilBertTransformer(DistilBertConfig config)
        : base(nameof(DistilBertTransformer))
    {
        layer = new ModuleList<DistilBertLayer>();
        for (int i = 0; i < config.NLayers; i++)
        {
            layer.Add(new DistilBertLayer(config));
        }

        RegisterComponents();
    }

    /// <summary>The number of layers.</summary>
    public int LayerCount => layer.Count;

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor keep) => Forward(hidden, keep, layer.Count, null);

    /// <summary>Runs the first <paramref name="layers"/> layers; collects each layer's output when <paramref name="states"/> is given.</summary>
    public Tensor Forward(Tensor hidden, Tensor keep, int layers, List<Tensor>? states) => MultiHeadAttention.RunLayers(layer, hidden, keep, layers, states);
}
