using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Models.Transformers;

/// <summary>
/// Dropout on token-wise activations. Over packed real tokens (<see cref="TokenLayout"/>) it draws its mask over the
/// padded batch, as dropout on the padded activations would, and keeps the real tokens' part: training without the
/// padding then draws the same masks as the padded run, so a seeded run still repeats sentence-transformers' own.
/// </summary>
public sealed class TokenDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _probability;

    /// <summary>Creates dropout with <paramref name="probability"/> of zeroing each element in training.</summary>
    public TokenDropout(double probability)
        : base(nameof(TokenDropout))
    {
        _probability = probability;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (training && _probability > 0 && TokenLayout.Current is { } layout && input.dim() == 2 && input.shape[0] == layout.Count)
        {
            using Tensor mask = layout.DropoutMask(_probability, input.shape[1], input.dtype, input.device);
            return input.mul(mask);
        }

        return nn.functional.dropout(input, _probability, training);
    }
}
