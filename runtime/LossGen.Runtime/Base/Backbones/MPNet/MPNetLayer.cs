using LossGen.Backbones;
using LossGen.Backbones.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones.MPNet;

/// <summary>One MPNet layer: attention, then the same feed-forward block as BERT's (<c>encoder.layer.{i}.*</c>).</summary>
public sealed class MPNetLayer : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly MPNetAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;
#pragma warning restore IDE1006

    /// <summary>Creates a layer of <paramref name="config"/>.</summary>
    public MPNetLayer(MPNetConfig config)
        : base(nameof(MPNetLayer))
    {
        attention = new MPNetAttention(config);
        intermediate = new BertIntermediate(config.HiddenSize, config.IntermediateSize, config.HiddenAct);
        output = new BertResidualOutput(config.IntermediateSize, config.HiddenSize, config.LayerNormEps, config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor bias)
    {
        using var scope = NewDisposeScope();
        Tensor attended = attention.call(hidden, bias);
        return output.call(intermediate.call(attended), attended).MoveToOuterDisposeScope();
    }
}
