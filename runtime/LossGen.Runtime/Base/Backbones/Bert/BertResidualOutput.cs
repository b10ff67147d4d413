using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Bert;

/// <summary>
/// A sub-layer's output projection with dropout, the residual connection and the post-LayerNorm
/// (<c>attention.output.*</c> and <c>output.*</c>), shared by BERT and MPNet.
/// </summary>
public sealed class BertResidualOutput : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly TokenDropout dropout;
#pragma warning restore IDE1006

    /// <summary>Creates the output of a sub-layer from <paramref name="inputSize"/> back to <paramref name="hiddenSize"/>.</summary>
    public BertResidualOutput(int inputSize, int hiddenSize, double layerNormEps, double dropoutProbability)
        : base(nameof(BertResidualOutput))
    {
        dense = nn.Linear(inputSize, hiddenSize);
        LayerNorm = nn.LayerNorm(hiddenSize, layerNormEps);
        dropout = new TokenDropout(dropoutProbability);
        RegisterComponents();
    }

    /// <summary><c>LayerNorm(residual + dropout(dense(x)))</c>.</summary>
    public override Tensor forward(Tensor x, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.call(dropout.call(dense.Project(x)).add_(residual)).MoveToOuterDisposeScope();
    }
}
