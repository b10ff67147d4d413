using static TorchSharp.torch;

namespace LossGen.Backbones.Rotary;

/// <summary>A layer of a rotary architecture: its output for the hidden states under its kind's mask and RoPE tables.</summary>
public interface IRotaryLayer
{
    /// <summary>The layer's output for <paramref name="hidden"/> (B×T×H, or packed N×H).</summary>
    Tensor Forward(Tensor hidden, RotaryInputs inputs);
}
