using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones;

/// <summary>A stack of transformer layers under Hugging Face's name <c>layer.{i}</c>, each run on the previous one's output.</summary>
public sealed class LayerStack<TLayer> : nn.Module<Tensor, Tensor, Tensor>
    where TLayer : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly ModuleList<TLayer> layer;
#pragma warning restore IDE1006

    /// <summary>Creates the stack from its layers.</summary>
    public LayerStack(IEnumerable<TLayer> layers)
        : base(nameof(LayerStack<TLayer>))
    {
        layer = new ModuleList<TLayer>();
        foreach (TLayer item in layers)
        {
            layer.Add(item);
        }

        RegisterComponents();
    }

    /// <summary>The number of layers.</summary>
    public int LayerCount => layer.Count;

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor mask) => Forward(hidden, mask, layer.Count, null);

    /// <summary>Runs the first <paramref name="layers"/> layers; collects each layer's output when <paramref name="states"/> is given.</summary>
    public Tensor Forward(Tensor hidden, Tensor mask, int layers, List<Tensor>? states) => MultiHeadAttention.RunLayers(layer, hidden, mask, layers, states);
}
