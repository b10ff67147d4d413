using TorchSharp;
using LossGen.Cpu;
using static TorchSharp.torch;

namespace LossGen.Backbones;

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
        TokenLayout? layout = EncoderExecution.Current.Layout is { } current && input.dim() == 2 && input.shape[0] == current.Count ? current : null;
        if (training && _probability > 0 && ParallelDropout.Applies(input.device))
        {
            // Row r of packed activations is row PaddedRows[r] of the padded batch's mask, as in the padded run.
            using var scope = NewDisposeScope();
            long channels = input.shape[^1], rows = input.numel() / channels;
            Tensor mask = ParallelDropout.Mask(ParallelDropout.NextSeed(), _probability, rows, channels, layout?.PaddedRows);
            return input.mul(mask.to(input.dtype).view(input.shape)).MoveToOuterDisposeScope();
        }

        if (training && _probability > 0 && layout is not null)
        {
            using Tensor mask = layout.DropoutMask(_probability, input.shape[1], input.dtype, input.device);
            return input.mul(mask);
        }

        return nn.functional.dropout(input, _probability, training);
    }
}
