using System;
using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.DistilBert;

/// <summary>The feed-forward block: expansion, activation, projection back, dropout (<c>ffn.lin1</c>, <c>ffn.lin2</c>).</summary>
public sealed class DistilBertFeedForward : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear lin1;
    private readonly Linear lin2;
    private readonly TokenDropout dropout;
#pragma warning restore IDE1006
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Creates the block of <paramref name="config"/>.</summary>
    public DistilBertFeedForward(DistilBertConfig config)
        : base(nameof(DistilBertFeedForward))
    {
        lin1 = nn.Linear(config.Dim, config.HiddenDim);
        lin2 = nn.Linear(config.HiddenDim, config.Dim);
        dropout = new TokenDropout(config.Dropout);
        _activation = Activation.ForExpansion(config.Activation);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return dropout.call(lin2.Project(_activation(lin1.ProjectExpansion(hidden)))).MoveToOuterDisposeScope();
    }
}
