using LossGen.Generators.Helpers;

namespace LossGen.Generators.Emission.Rules;

/// <summary>
/// Lowers one <see cref="LossRule"/> to the statements of <c>ComputeFromEmbeddings</c>: they run inside the method's
/// dispose scope and end by declaring <c>Tensor loss</c>.
/// </summary>
internal interface IForwardRule
{
    Pairing Pairing { get; }

    Objective Objective { get; }

    void Write(IndentedWriter writer, ForwardContext context);
}
