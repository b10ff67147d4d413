using static TorchSharp.torch;

namespace LossGen.Models.Transformers;

/// <summary>A transformer layer that can run over the packed real tokens of a batch (<see cref="TokenLayout"/>).</summary>
public interface IPackableLayer
{
    /// <summary>The layer over padded (B×T×H) hidden states, or over packed ones (N×H) when <paramref name="layout"/> is given.</summary>
    Tensor Forward(Tensor hidden, Tensor mask, TokenLayout? layout);
}
