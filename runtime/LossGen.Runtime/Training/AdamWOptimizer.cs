using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Training;

/// <summary>
/// AdamW exactly as PyTorch computes it (decoupled weight decay, bias-corrected moments), with weight decay skipped for
/// biases and LayerNorm weights as transformers does. Its state is plain tensors, so checkpoints can save and restore it.
/// </summary>
public sealed class AdamWOptimizer : IDisposable
{
    private readonly List<Slot> _slots;

    /// <summary>Creates the optimizer over named parameters.</summary>
    public AdamWOptimizer(IEnumerable<(string Name, Parameter Parameter)> parameters, double weightDecay = 0.01, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _slots = parameters
            .Where(p => p.Parameter.requires_grad)
            .Select(p => new Slot(p.Name, p.Parameter, Decays(p.Name) ? weightDecay : 0.0))
            .ToList();
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>Steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>The optimized parameters.</summary>
    public IEnumerable<Parameter> Parameters => _slots.Select(s => s.Parameter);

    /// <summary>Clears every gradient.</summary>
    public void ZeroGrad()
    {
        foreach (Slot slot in _slots)
        {
            slot.Parameter.grad?.zero_();
        }
    }

    /// <summary>One update with <paramref name="learningRate"/>.</summary>
    public void Step(double learningRate)
    {
        StepCount++;
        double correction1 = 1 - Math.Pow(Beta1, StepCount);
        double correction2 = 1 - Math.Pow(Beta2, StepCount);
        using var noGrad = no_grad();
        foreach (Slot slot in _slots)
        {
            if (slot.Parameter.grad is not Tensor gradient)
            {
                continue;
            }

            using var scope = NewDisposeScope();
            slot.Parameter.mul_(1 - (learningRate * slot.WeightDecay));
            slot.Mean.mul_(Beta1).add_(gradient, alpha: 1 - Beta1);
            slot.Variance.mul_(Beta2).addcmul_(gradient, gradient, value: 1 - Beta2);
            Tensor denominator = slot.Variance.sqrt().div_(Math.Sqrt(correction2)).add_(Epsilon);
            slot.Parameter.addcdiv_(slot.Mean, denominator, value: -learningRate / correction1);
        }
    }

    /// <summary>The optimizer state by parameter name (<c>name.exp_avg</c>, <c>name.exp_avg_sq</c>) and the step count.</summary>
    public (Dictionary<string, Tensor> State, int Step) GetState() =>
        (_slots.SelectMany(s => new[] { (s.Name + ".exp_avg", s.Mean), (s.Name + ".exp_avg_sq", s.Variance) }).ToDictionary(p => p.Item1, p => p.Item2), StepCount);

    /// <summary>Restores a state written by <see cref="GetState"/>.</summary>
    public void SetState(IReadOnlyDictionary<string, Tensor> state, int step)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var noGrad = no_grad();
        foreach (Slot slot in _slots)
        {
            slot.Mean.copy_(state[slot.Name + ".exp_avg"]);
            slot.Variance.copy_(state[slot.Name + ".exp_avg_sq"]);
        }

        StepCount = step;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (Slot slot in _slots)
        {
            slot.Mean.Dispose();
            slot.Variance.Dispose();
        }
    }

    // transformers' no_decay list: biases and LayerNorm weights.
    private static bool Decays(string name) => !(name.EndsWith("bias", StringComparison.Ordinal) || name.Contains("LayerNorm.weight", StringComparison.Ordinal));

    private sealed class Slot(string name, Parameter parameter, double weightDecay)
    {
        public string Name { get; } = name;

        public Parameter Parameter { get; } = parameter;

        public double WeightDecay { get; } = weightDecay;

        public Tensor Mean { get; } = zeros_like(parameter).DetachFromDisposeScope();

        public Tensor Variance { get; } = zeros_like(parameter).DetachFromDisposeScope();
    }
}
