using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.DistilBert;

/// <summary>One post-LayerNorm DistilBERT layer (<c>transformer.layer.{i}.*</c>).</summary>
public sealed class DistilBertLayer : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly DistilBertAttention attention;
    private readonly LayerNorm sa_layer_norm;
    private readonly DistilBertFeedForward ffn;
    private readonly LayerNorm output_layer_norm;
#pragma warning restore IDE1006

    /// <summary>Creates a layer of <paramref name="config"/>.</summary>
    public DistilBertLayer(DistilBertConfig config)
        : base(nameof(DistilBertLayer))
    {
        attention = new DistilBertAttention(config);
        sa_layer_norm = nn.LayerNorm(config.Dim, DistilBertModel.LayerNormEps);
        ffn = new DistilBertFeedForward(config);
        output_layer_norm = nn.LayerNorm(config.Dim, DistilBertModel.LayerNormEps);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor keep)
    {
        using var scope = NewDisposeScope();
        Tensor attended = sa_layer_norm.call(attention.call(hidden, keep).add_(hidden));
        return output_layer_norm.call(ffn.call(attended).add_(attended)).MoveToOuterDisposeScope();
    }
}
