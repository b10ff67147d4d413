using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Rotary;

/// <summary>The gated feed-forward of Qwen3 (SwiGLU) and Gemma3 (GeGLU): <c>down_proj(act(gate_proj(x)) · up_proj(x))</c>, no biases.</summary>
public sealed class GatedMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear gate_proj;
    private readonly Linear up_proj;
    private readonly Linear down_proj;
#pragma warning restore IDE1006
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Creates the feed-forward of width <paramref name="hidden"/> → <paramref name="intermediate"/> → <paramref name="hidden"/>.</summary>
    public GatedMlp(int hidden, int intermediate, string activation)
        : base(nameof(GatedMlp))
    {
        gate_proj = nn.Linear(hidden, intermediate, hasBias: false);
        up_proj = nn.Linear(hidden, intermediate, hasBias: false);
        down_proj = nn.Linear(intermediate, hidden, hasBias: false);
        _activation = Activation.Get(activation);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return down_proj.Project(_activation(gate_proj.Project(input)).mul(up_proj.Project(input))).MoveToOuterDisposeScope();
    }
}
