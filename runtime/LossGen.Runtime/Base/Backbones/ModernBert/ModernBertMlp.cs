using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.ModernBert;

/// <summary>ModernBERT's GeGLU feed-forward (<c>mlp.*</c>): <c>Wi</c> gives [input, gate]; <c>Wo(drop(act(input) · gate))</c>.</summary>
public sealed class ModernBertMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear Wi;
    private readonly TokenDropout drop;
    private readonly Linear Wo;
#pragma warning restore IDE1006
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Creates the feed-forward of <paramref name="config"/>.</summary>
    public ModernBertMlp(ModernBertConfig config)
        : base(nameof(ModernBertMlp))
    {
        Wi = nn.Linear(config.HiddenSize, 2 * config.IntermediateSize, hasBias: config.MlpBias);
        drop = new TokenDropout(config.MlpDropout);
        Wo = nn.Linear(config.IntermediateSize, config.HiddenSize, hasBias: config.MlpBias);
        _activation = Activation.Get(config.HiddenActivation);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        Tensor[] parts = Wi.Project(hidden).chunk(2, -1);
        return Wo.Project(drop.call(_activation(parts[0]).mul(parts[1]))).MoveToOuterDisposeScope();
    }
}
