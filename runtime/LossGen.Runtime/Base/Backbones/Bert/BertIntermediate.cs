using System;
using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Bert;

/// <summary>The feed-forward expansion and its activation (<c>intermediate.dense</c>), shared by BERT and MPNet.</summary>
public sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear dense;
#pragma warning restore IDE1006
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Creates the expansion from <paramref name="hiddenSize"/> to <paramref name="intermediateSize"/> with the activation named <paramref name="hiddenAct"/>.</summary>
    public BertIntermediate(int hiddenSize, int intermediateSize, string hiddenAct)
        : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(hiddenSize, intermediateSize);
        _activation = Activation.ForExpansion(hiddenAct);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return _activation(dense.ProjectExpansion(hidden)).MoveToOuterDisposeScope();
    }
}
