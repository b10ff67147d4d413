using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.SentenceTransformers.Modules;

/// <summary>sentence-transformers' <c>Normalize</c> module: L2 normalisation of the sentence embedding.</summary>
public sealed class Normalize : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    public Normalize()
        : base(nameof(Normalize))
    {
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor embedding) => F.normalize(embedding, p: 2, dim: 1);
}
