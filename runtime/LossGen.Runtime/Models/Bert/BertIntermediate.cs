using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Models.Bert;

/// <summary>The feed-forward expansion with exact GELU (<c>intermediate.dense</c>).</summary>
public sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006, SA1300 // Hugging Face parameter names.
    private readonly Linear dense;
#pragma warning restore IDE1006, SA1300

    /// <summary>Creates the expansion of <paramref name="config"/>.</summary>
    public BertIntermediate(BertConfig config)
        : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return F.gelu(dense.call(hidden)).MoveToOuterDisposeScope();
    }
}
