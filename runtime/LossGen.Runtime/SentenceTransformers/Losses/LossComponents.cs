using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// The loss of a declaration that returns named components: their sum, as sentence-transformers' trainer reduces a
/// dict loss (<c>torch.stack(list(loss.values())).sum()</c>).
/// </summary>
public static class LossComponents
{
    /// <summary>The sum of <paramref name="components"/>; a loss must return one at least.</summary>
    public static Tensor Sum(LossDescriptor loss, IReadOnlyDictionary<string, Tensor> components)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(components);
        Tensor? sum = null;
        foreach (Tensor component in components.Values)
        {
            sum = sum is null ? component : sum + component;
        }

        return sum ?? throw new InvalidOperationException($"{loss.Name} returned no loss component.");
    }
}
