using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Training;

/// <summary>Gradient-norm clipping as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    /// <summary>Scales all gradients so their joint L2 norm is at most <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public static double ClipByNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        Tensor[] gradients = parameters.Select(p => p.grad).OfType<Tensor>().ToArray();
        if (gradients.Length == 0)
        {
            return 0;
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        double total = stack(gradients.Select(g => g.norm()).ToArray()).norm().item<float>();
        double coefficient = maxNorm / (total + 1e-6);
        if (coefficient < 1)
        {
            foreach (Tensor gradient in gradients)
            {
                gradient.mul_(coefficient);
            }
        }

        return total;
    }
}
