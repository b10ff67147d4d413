using System;

namespace LossGen;

/// <summary>
/// Marks the method that supplies a loss's math when it does not fit the pairing/objective grammar.
/// </summary>
/// <remarks>
/// Its parameters are embedding tensors named by the input kind's columns (for a pair: <c>anchor</c>, <c>positive</c>),
/// or one <c>IReadOnlyList&lt;Tensor&gt; columns</c>, optionally followed by <c>Tensor labels</c> and, for losses with a
/// guide model, <c>IReadOnlyList&lt;Tensor&gt; guideColumns</c>. It returns the scalar loss. The generator calls it
/// inside a dispose scope, so temporaries need no disposal. A <c>[LossMath]</c> loss declares no objective, but may
/// declare its <see cref="PairingAttribute"/> so that the analyzers know how it uses the batch (in-batch negatives need
/// more than one row).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class LossMathAttribute : Attribute
{
}
