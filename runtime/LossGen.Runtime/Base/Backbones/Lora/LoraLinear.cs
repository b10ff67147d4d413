using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Lora;

/// <summary>
/// The low-rank update of one Linear (PEFT's names <c>lora_A</c> [r, in] and <c>lora_B</c> [out, r]):
/// <c>scaling · B(A(dropout(x)))</c>, added to the Linear's output. B starts at zero, so a fresh adapter changes nothing.
/// </summary>
public sealed class LoraLinear : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PEFT parameter names.
    private readonly Linear lora_A;
    private readonly Linear lora_B;
#pragma warning restore IDE1006
    private readonly double _dropout;

    /// <summary>Creates the update of a Linear <paramref name="inFeatures"/> → <paramref name="outFeatures"/>.</summary>
    public LoraLinear(long inFeatures, long outFeatures, LoraConfig config)
        : base(nameof(LoraLinear))
    {
        // PEFT's default initialisation: A as a Linear's own (Kaiming uniform), B zero.
        lora_A = nn.Linear(inFeatures, config.R, hasBias: false);
        lora_B = nn.Linear(config.R, outFeatures, hasBias: false);
        using (no_grad())
        {
            lora_B.weight!.zero_();
        }

        Scaling = config.Scaling;
        _dropout = config.LoraDropout;
        RegisterComponents();
    }

    /// <summary>The factor of the update.</summary>
    public double Scaling { get; }

    /// <summary>A [r, in].</summary>
    public Parameter A => lora_A.weight!;

    /// <summary>B [out, r].</summary>
    public Parameter B => lora_B.weight!;

    /// <summary>The dense update <c>scaling · B·A</c> [out, in].</summary>
    public Tensor Delta() => B.matmul(A).mul(Scaling);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = input.dtype == ScalarType.Float32 ? input : input.to(ScalarType.Float32);
        return lora_B.call(lora_A.call(nn.functional.dropout(x, _dropout, training))).mul(Scaling).MoveToOuterDisposeScope();
    }
}
